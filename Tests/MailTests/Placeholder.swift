// Placeholder: the Mail tests are being written.

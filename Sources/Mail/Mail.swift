// Placeholder: the Mail stage is being written.

// Placeholder: the Digests stage is being written.

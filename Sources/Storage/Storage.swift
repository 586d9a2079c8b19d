// Placeholder: the Storage stage is being written.

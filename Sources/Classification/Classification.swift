// Placeholder: the Classification stage is being written.

// Placeholder: the Pipeline stage is being written.

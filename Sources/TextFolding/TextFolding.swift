// Placeholder: the TextFolding stage is being written.

// Placeholder: the Fetching stage is being written.

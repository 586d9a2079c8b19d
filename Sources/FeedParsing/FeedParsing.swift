// Placeholder: the FeedParsing stage is being written.

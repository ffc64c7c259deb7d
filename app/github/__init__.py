"""GitHub I/O: the App client factory, the retry policy and error translation."""

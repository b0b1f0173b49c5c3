//! The optional configuration file.

//! redress

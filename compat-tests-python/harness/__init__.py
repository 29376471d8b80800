"""Test harness for the wiregate compatibility suite: starts servers, describes targets."""

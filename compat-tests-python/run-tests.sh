#!/usr/bin/env bash
echo "no compat tests yet"

#!/bin/sh
# Builds the development dump tool against the release build's static libraries.
set -e
cd "$(dirname "$0")/.."
B=build/release/src
g++ -std=c++20 -O1 -g -Isrc $(pkg-config --cflags tesseract lept poppler-cpp) tools/ocr_dump.cpp \
  $B/libsopaudit_ocr.a $(ls $B/libsopaudit_ingest.a 2>/dev/null) $B/libsopaudit_layout.a $B/libsopaudit_common.a \
  $(pkg-config --libs tesseract lept poppler-cpp) -lPocoFoundation -lpthread -o build/release/ocr_dump

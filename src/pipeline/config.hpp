#pragma once
// The run's configuration: built-in defaults, then a config file (sopaudit.ini or .json, read by
// Poco::Util), then the command line. `sopaudit config` prints the result.

#include "ingest/ingest.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sopaudit::pipeline {

struct Config {
    std::vector<std::string> inputs;  // input folders (or files)
    std::vector<std::string> include; // globs on the path relative to its root; empty = all
    std::vector<std::string> exclude; // globs; a file matching one is skipped
    std::string output = "output";    // report folder
    std::string state;                // state database; empty = <output>/state.db
    std::string rules;                // rule set file; empty = the shipped one
    std::string lang = "id";          // id or en
    int jobs = 0;                     // 0 = as many as cores
    bool full = false;
    ingest::Limits limits;
    std::string source; // the config file read, empty if none

    std::string state_path() const;
    int effective_jobs() const;
};

// Applies a config file over `config`. INI:
//   [input]   folders = /srv/sop, /srv/sop-lama     include = *.docx, *.pdf    exclude = arsip/*
//   [output]  dir = /srv/laporan    state = /var/lib/sopaudit/state.db
//   [audit]   rules = /etc/sopaudit/rules.json    lang = id
//   [run]     jobs = 2
//   [limits]  max_file_bytes = ..., max_seconds_per_file = ... (limit_names())
// JSON: the same sections as objects; lists may be arrays or comma-separated strings.
// An unknown section or key, or a bad value, is a ConfigError (a typo must not be ignored).
// Relative paths in the file are relative to the file's folder.
void apply_config_file(const std::string& file, Config& config);

// Sets one limit by its name (a field of ingest::Limits, as in [limits] and --limit NAME=VALUE;
// docs/limits.md). Throws audit::ConfigError for an unknown name or a value that is not a
// positive number (whole for byte, pixel, page and depth limits).
void set_limit(ingest::Limits& limits, const std::string& name, const std::string& value);
// The names of every limit, in the order of docs/limits.md.
std::vector<std::string> limit_names();

// The config file to read when none is given: $SOPAUDIT_CONFIG, else ./sopaudit.ini if it
// exists, else nothing.
std::optional<std::string> default_config_file();

// The effective configuration as INI text, readable back by apply_config_file.
std::string to_ini(const Config& config);

// Whether a file (path relative to its root) passes the include and exclude globs. Matching
// ignores case (folders are filled from Windows machines); '*' also matches '/'; a pattern
// without '/' is matched against the file name as well.
bool selected(const std::vector<std::string>& include, const std::vector<std::string>& exclude,
              const std::string& relative_path);
bool selected(const Config& config, const std::string& relative_path);

// Splits "a, b,c" into {"a","b","c"}.
std::vector<std::string> split_list(const std::string& text);

} // namespace sopaudit::pipeline

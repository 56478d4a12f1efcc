#pragma once
// Prints JSON straight into a string, byte for byte as Poco::JSON's stringify() prints the same
// tree (escapes, number forms, and its indentation rules), without building Poco::JSON objects.
// The profile of a run over 300 unchanged files put 55% of the instructions in building and
// printing those objects (Var copies, shared pointers, one ostream call per character); the
// per-file JSON of report.json, the result spool, state.db and sops/<file>/<n>.json is printed
// here instead. Parsing stays with Poco.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sopaudit::common {

class JsonWriter {
public:
    // indent 0: compact. Otherwise as Poco's stringify(out, indent, step): the members of the
    // outermost container are indented by `indent` spaces, each level deeper by `step` more.
    explicit JsonWriter(std::string& out, unsigned indent = 0, unsigned step = 0);

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // The next member's name; its value follows with one of the calls below or a begin_*().
    void key(std::string_view name);

    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(const std::string& text) { value(std::string_view(text)); }
    void value(bool b);
    void value(int n) { value(static_cast<std::int64_t>(n)); }
    void value(std::int64_t n);
    void value(std::uint64_t n);
    void value(double d); // Poco::NumberFormatter::format(double), as Poco prints a double
    void null();

    // A member in one call.
    template <class T>
    void member(std::string_view name, const T& v) {
        key(name);
        value(v);
    }
    void null_member(std::string_view name) {
        key(name);
        null();
    }

private:
    struct Level {
        unsigned indent; // of this container's members
        std::size_t count = 0;
        bool object = false;
    };
    void before_value(); // separator and indentation before an array element
    void open(char bracket, bool object);
    void close(char bracket);
    void spaces(unsigned n) { m_out.append(n, ' '); }
    void quoted(std::string_view text);

    std::string& m_out;
    unsigned m_indent;
    unsigned m_step;
    bool m_after_key = false;
    std::vector<Level> m_levels;
};

// text as a JSON string literal, quotes included, escaped as Poco escapes it.
void append_json_string(std::string& out, std::string_view text);

} // namespace sopaudit::common

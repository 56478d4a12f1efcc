#include "common/json_writer.hpp"

#include <Poco/NumberFormatter.h>
#include <charconv>
#include <stdexcept>

namespace sopaudit::common {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    out.push_back('"');
    std::size_t plain = 0; // start of the run of characters copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out.push_back('"');
}

JsonWriter::JsonWriter(std::string& out, unsigned indent, unsigned step)
    : m_out(out), m_indent(indent), m_step(indent == 0 ? 0 : step) {}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_levels.empty()) {
        return;
    }
    Level& level = m_levels.back();
    if (level.object) {
        throw std::logic_error("JsonWriter: a value in an object without its key");
    }
    if (level.count++ > 0) {
        m_out.push_back(',');
        if (m_indent > 0) {
            m_out.push_back('\n');
        }
    }
    spaces(level.indent);
}

void JsonWriter::open(char bracket, bool object) {
    before_value();
    const unsigned indent =
        m_levels.empty() ? m_indent : (m_indent > 0 ? m_levels.back().indent + m_step : 0);
    m_out.push_back(bracket);
    if (m_indent > 0) {
        m_out.push_back('\n');
    }
    m_levels.push_back(Level{indent, 0, object});
}

void JsonWriter::close(char bracket) {
    if (m_levels.empty() || m_after_key) {
        throw std::logic_error("JsonWriter: unbalanced close");
    }
    const Level level = m_levels.back();
    m_levels.pop_back();
    if (m_indent > 0) {
        // Poco ends a member list with a newline, and an array always, even an empty one.
        if (level.count > 0 || !level.object) {
            m_out.push_back('\n');
        }
        spaces(level.indent >= m_step ? level.indent - m_step : 0);
    }
    m_out.push_back(bracket);
}

void JsonWriter::begin_object() {
    open('{', true);
}
void JsonWriter::end_object() {
    close('}');
}
void JsonWriter::begin_array() {
    open('[', false);
}
void JsonWriter::end_array() {
    close(']');
}

void JsonWriter::key(std::string_view name) {
    if (m_levels.empty() || !m_levels.back().object || m_after_key) {
        throw std::logic_error("JsonWriter: a key outside an object");
    }
    Level& level = m_levels.back();
    if (level.count++ > 0) {
        m_out.push_back(',');
        if (m_indent > 0) {
            m_out.push_back('\n');
        }
    }
    spaces(level.indent);
    append_json_string(m_out, name);
    m_out += m_indent > 0 ? ": " : ":";
    m_after_key = true;
}

void JsonWriter::quoted(std::string_view text) {
    before_value();
    append_json_string(m_out, text);
}

void JsonWriter::value(std::string_view text) {
    quoted(text);
}

void JsonWriter::value(bool b) {
    before_value();
    m_out += b ? "true" : "false";
}

void JsonWriter::value(std::int64_t n) {
    before_value();
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
    m_out.append(buf, end);
}

void JsonWriter::value(std::uint64_t n) {
    before_value();
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
    m_out.append(buf, end);
}

void JsonWriter::value(double d) {
    before_value();
    Poco::NumberFormatter::append(m_out, d);
}

void JsonWriter::null() {
    before_value();
    m_out += "null";
}

} // namespace sopaudit::common

// JsonWriter must print what Poco::JSON prints for the same tree: the report writers swap one for
// the other and the tests of report.json compare bytes with Poco's print.
#include "common/json_writer.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <sstream>

namespace sopaudit::common {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string poco_print(const Object::Ptr& o, unsigned indent, int step) {
    std::ostringstream out;
    o->stringify(out, indent, step);
    return out.str();
}

const std::string k_awkward = std::string("kutip \" miring \\ garis / tab\t baris\n cr\r ") +
                              "\b\f" + std::string(1, '\x01') + "\x1f" +
                              " \x7f Rp. 5.000 \xe2\x80\x93 \xc3\xa9 " + "\xff";

// The same tree twice: once as Poco objects (members kept in insertion order), once through
// the writer.
Object::Ptr poco_tree() {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("text", k_awkward);
    o->set("empty_text", std::string());
    o->set("one", 1.0);
    o->set("tenth", 0.1);
    o->set("small", 0.000001234);
    o->set("big", 1e21);
    o->set("negative", -2.5);
    o->set("int", -7);
    o->set("u64", std::numeric_limits<Poco::UInt64>::max());
    o->set("i64", std::numeric_limits<Poco::Int64>::min());
    o->set("yes", true);
    o->set("no", false);
    o->set("nothing", Poco::Dynamic::Var());
    o->set("empty_array", Array::Ptr(new Array));
    o->set("empty_object", Object::Ptr(new Object(Poco::JSON_PRESERVE_KEY_ORDER)));
    Array::Ptr mixed = new Array;
    mixed->add(1);
    Object::Ptr inner = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    inner->set("k\"ey", std::string("v"));
    inner->set("list", Array::Ptr(new Array));
    mixed->add(inner);
    mixed->add(std::string("x"));
    Array::Ptr nested = new Array;
    nested->add(2.75);
    mixed->add(nested);
    mixed->add(Array::Ptr(new Array));
    mixed->add(Object::Ptr(new Object));
    o->set("mixed", mixed);
    return o;
}

std::string writer_print(unsigned indent, unsigned step) {
    std::string out;
    JsonWriter w(out, indent, step);
    w.begin_object();
    w.member("text", k_awkward);
    w.member("empty_text", std::string());
    w.member("one", 1.0);
    w.member("tenth", 0.1);
    w.member("small", 0.000001234);
    w.member("big", 1e21);
    w.member("negative", -2.5);
    w.member("int", -7);
    w.member("u64", std::numeric_limits<std::uint64_t>::max());
    w.member("i64", std::numeric_limits<std::int64_t>::min());
    w.member("yes", true);
    w.member("no", false);
    w.null_member("nothing");
    w.key("empty_array");
    w.begin_array();
    w.end_array();
    w.key("empty_object");
    w.begin_object();
    w.end_object();
    w.key("mixed");
    w.begin_array();
    w.value(1);
    w.begin_object();
    w.member("k\"ey", "v");
    w.key("list");
    w.begin_array();
    w.end_array();
    w.end_object();
    w.value("x");
    w.begin_array();
    w.value(2.75);
    w.end_array();
    w.begin_array();
    w.end_array();
    w.begin_object();
    w.end_object();
    w.end_array();
    w.end_object();
    return out;
}

TEST(JsonWriter, CompactEqualsPoco) {
    EXPECT_EQ(writer_print(0, 0), poco_print(poco_tree(), 0, -1));
}

TEST(JsonWriter, IndentedEqualsPoco) {
    EXPECT_EQ(writer_print(2, 2), poco_print(poco_tree(), 2, 2));
    EXPECT_EQ(writer_print(6, 2), poco_print(poco_tree(), 6, 2));
    EXPECT_EQ(writer_print(4, 4), poco_print(poco_tree(), 4, 4));
}

TEST(JsonWriter, DoublesPrintAsPocoPrintsThem) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0, 1), wide(-1e6, 1e6);
    for (int i = 0; i < 2000; ++i) {
        const double d = i % 2 == 0 ? unit(rng) : wide(rng);
        Array a;
        a.add(d);
        std::ostringstream poco;
        a.stringify(poco);
        std::string mine;
        JsonWriter w(mine);
        w.begin_array();
        w.value(d);
        w.end_array();
        ASSERT_EQ(mine, poco.str()) << d;
    }
}

TEST(JsonWriter, ARootValueNeedsNoContainer) {
    std::string out;
    JsonWriter w(out);
    w.value("a\"b");
    EXPECT_EQ(out, "\"a\\\"b\"");
}

TEST(JsonWriter, MisuseIsALogicError) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    EXPECT_THROW(w.value(1), std::logic_error); // a member needs its key
    w.key("a");
    EXPECT_THROW(w.key("b"), std::logic_error); // the value of "a" is missing
    w.value(1);
    w.end_object();
    EXPECT_THROW(w.end_array(), std::logic_error);
}

} // namespace
} // namespace sopaudit::common

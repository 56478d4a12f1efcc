#include "audit/auditor.hpp"
#include "common/text.hpp"
#include "docx/docx_reader.hpp"
#include "report/docx_writer.hpp"
#include "report/report_fixtures.hpp"
#include "sop/recognizer.hpp"
#include "support/support.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <map>
#include <regex>
#include <set>

using namespace sopaudit;
namespace fs = std::filesystem;

namespace {

struct ReadBack {
    layout::ReadResult read;
    sop::Recognition recognition;
};

ReadBack read_back(const fs::path& file, const audit::RuleSet& rules) {
    ReadBack rb;
    rb.read = docx::read_docx(file, ingest::Limits{});
    rb.recognition = sop::recognize(rb.read.document, rules.recognition());
    return rb;
}

// The rules a SOP model breaks, with the field or step they point at.
std::set<std::string> defects(const audit::RuleSet& rules, const layout::ReadResult& read,
                              const sop::Recognition& recognition) {
    audit::Auditor auditor(rules, audit::Lang::id);
    std::set<std::string> out;
    for (const auto& f : auditor.audit_file(read, recognition)) {
        std::string rule = f.rule;
        // The standard layout always has every label: a label the source lacked comes back as
        // an empty field, which is the same defect seen from the other side.
        if (rule == "identity-field-missing") {
            rule = "identity-field-empty";
        }
        out.insert(rule + "@" + f.location.field.value_or("") + "#" +
                   (f.location.row ? std::to_string(*f.location.row) : ""));
    }
    return out;
}

void expect_same_sop(const sop::Sop& want, const sop::Sop& got) {
    for (const char* key : sop::k_identity_keys) {
        const auto w = want.identity.find(key);
        const auto g = got.identity.find(key);
        const std::string wt = w == want.identity.end() ? "" : w->second.text;
        ASSERT_NE(g, got.identity.end()) << "no " << key << " label in the converted file";
        if (std::string(key) == "dasar_hukum") {
            continue; // compared as items below
        }
        // White space is folded differently per field by the recogniser; the words must match.
        EXPECT_EQ(common::fold_space(g->second.text), common::fold_space(wt)) << key;
    }
    EXPECT_EQ(got.dasar_hukum_items, want.dasar_hukum_items);
    EXPECT_EQ(got.procedure.actors, want.procedure.actors);
    ASSERT_EQ(got.procedure.steps.size(), want.procedure.steps.size());
    for (std::size_t i = 0; i < want.procedure.steps.size(); ++i) {
        const auto& w = want.procedure.steps[i];
        const auto& g = got.procedure.steps[i];
        EXPECT_EQ(g.no, w.no) << i;
        EXPECT_EQ(g.kegiatan, w.kegiatan) << i;
        EXPECT_EQ(g.actors, w.actors) << i;
        EXPECT_EQ(g.kelengkapan, w.kelengkapan) << i;
        EXPECT_EQ(g.waktu, w.waktu) << i;
        EXPECT_EQ(g.output, w.output) << i;
        EXPECT_EQ(g.keterangan, w.keterangan) << i;
    }
}

} // namespace

TEST(StandardSymbol, TerminatorsAtBothEndsDecisionsKeptNothingInvented) {
    auto sop = report::testing::good_sop("1", "x");
    auto& steps = sop.procedure.steps;
    steps[0].symbol = sop::Symbol::process;
    steps[1].symbol = sop::Symbol::mark;
    steps.insert(steps.begin() + 2, steps[1]);
    steps[2].symbol = sop::Symbol::decision;
    steps[3].symbol = sop::Symbol::other;
    steps[3].actors.clear();
    steps[3].actor_indices.clear();
    EXPECT_EQ(report::standard_symbol(sop.procedure, 0), sop::Symbol::terminator);
    EXPECT_EQ(report::standard_symbol(sop.procedure, 1), sop::Symbol::process);
    EXPECT_EQ(report::standard_symbol(sop.procedure, 2), sop::Symbol::decision);
    EXPECT_EQ(report::standard_symbol(sop.procedure, 3), sop::Symbol::none);
    EXPECT_EQ(report::standard_symbol(sop.procedure, 4), sop::Symbol::terminator);
}

TEST(StandardDocumentXml, IsWellFormedAndEscapesHostileText) {
    auto sop = report::testing::good_sop(report::testing::k_attr_injection,
                                         report::testing::k_script_injection);
    sop.procedure.steps[1].kegiatan = "Memeriksa ]]> & <w:t> \x01 berkas";
    const auto xml = report::standard_document_xml(sop, {"a&b.docx"});
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ASSERT_NE(doc, nullptr);
    xmlFreeDoc(doc);
    EXPECT_EQ(xml.find("<script>"), std::string::npos);
    EXPECT_NE(xml.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(xml.find("a&amp;b.docx"), std::string::npos);
}

TEST(StandardDocumentXml, DrawsTheFlowchartWithDrawingMlShapesAndArrows) {
    const auto sop = report::testing::good_sop("800/1/SOP/2022", "Izin");
    const auto xml = report::standard_document_xml(sop);
    auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto p = xml.find(needle); p != std::string::npos; p = xml.find(needle, p + 1)) {
            ++n;
        }
        return n;
    };
    EXPECT_EQ(count("prst=\"flowChartTerminator\""), 2u);
    EXPECT_EQ(count("prst=\"flowChartDecision\""), 1u);
    EXPECT_EQ(count("prst=\"flowChartProcess\""), 1u);
    EXPECT_EQ(count("prst=\"straightConnector1\""), 3u); // between 4 consecutive symbols
    EXPECT_EQ(count("<wps:cNvCnPr/>"), 3u);
    EXPECT_EQ(count("<w:tblHeader/>"), 2u); // the two-row header repeats
    EXPECT_EQ(count("w:orient=\"landscape\""), 1u);
    // docPr ids are unique.
    std::set<std::string> ids;
    const std::regex id_re("<wp:docPr id=\"(\\d+)\"");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), id_re);
         it != std::sregex_iterator(); ++it) {
        EXPECT_TRUE(ids.insert((*it)[1]).second);
    }
    EXPECT_EQ(ids.size(), 7u);
}

TEST(StandardDocx, ReadsBackWithTheSameIdentityAndSteps) {
    const auto rules = report::testing::shipped_rules();
    const auto dir = test::fresh_temp_dir("roundtrip");
    const auto want =
        report::testing::good_sop("800/012/SOP-ORG/2022", "Penerbitan Izin Penelitian");
    report::write_standard_docx(want, dir / "sop.docx", {"bagian/sop.docx"});
    const auto rb = read_back(dir / "sop.docx", rules);
    ASSERT_FALSE(rb.read.failed) << (rb.read.problems.empty() ? "" : rb.read.problems[0].detail);
    ASSERT_EQ(rb.recognition.sops.size(), 1u);
    const auto& got = rb.recognition.sops[0];
    expect_same_sop(want, got);
    // The symbols are the standard ones, drawn in the actor's column.
    ASSERT_EQ(got.procedure.steps.size(), 4u);
    EXPECT_EQ(got.procedure.steps[0].symbol, sop::Symbol::terminator);
    EXPECT_EQ(got.procedure.steps[1].symbol, sop::Symbol::decision);
    EXPECT_EQ(got.procedure.steps[2].symbol, sop::Symbol::process);
    EXPECT_EQ(got.procedure.steps[3].symbol, sop::Symbol::terminator);
    fs::remove_all(dir);
}

TEST(StandardDocx, RoundTripAddsNoDefectAndKeepsWhatIsMissing) {
    const auto rules = report::testing::shipped_rules();
    const auto dir = test::fresh_temp_dir("defects");
    auto source = report::testing::good_sop("800/013/SOP-KES/2022", "Pelayanan Rujukan");
    source.identity.erase("peringatan");          // label missing
    source.identity["tanggal_efektif"].text = ""; // value empty
    source.procedure.steps[2].waktu = "";         // step without time
    source.procedure.steps[1].symbol = sop::Symbol::other;
    source.procedure.steps[1].actors.clear(); // step without actor
    source.procedure.steps[1].actor_indices.clear();
    sop::Recognition source_rec;
    source_rec.sops = {source};
    layout::ReadResult source_read;
    source_read.document.method = "xml";
    const auto before = defects(rules, source_read, source_rec);

    report::write_standard_docx(source, dir / "sop.docx");
    const auto rb = read_back(dir / "sop.docx", rules);
    ASSERT_EQ(rb.recognition.sops.size(), 1u);
    const auto after = defects(rules, rb.read, rb.recognition);
    for (const auto& d : after) {
        EXPECT_TRUE(before.count(d)) << "the conversion added " << d;
    }
    // What the source lacked is still reported.
    for (const auto& d :
         {"identity-field-empty@peringatan#", "identity-field-empty@tanggal_efektif#",
          "procedure-time-missing@waktu#3"}) {
        EXPECT_TRUE(after.count(d)) << d << " lost";
    }
    bool actor_missing = false;
    for (const auto& d : after) {
        actor_missing = actor_missing || d.rfind("procedure-actor-missing", 0) == 0;
    }
    EXPECT_TRUE(actor_missing);
    fs::remove_all(dir);
}

TEST(StandardDocxFiles, OneFilePerSopWithoutOverwriting) {
    const auto dir = test::fresh_temp_dir("files");
    const auto files = report::testing::sample_results();
    std::vector<std::string> taken;
    const auto a = report::write_standard_docx_files(files[1], dir, taken);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].filename(), "buku <sop>-sop1.docx");
    EXPECT_EQ(a[1].filename(), "buku <sop>-sop2.docx");
    const auto b = report::write_standard_docx_files(files[1], dir, taken);
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b[0].filename(), "buku <sop>-sop1-2.docx");
    for (const auto& p : a) {
        EXPECT_TRUE(fs::exists(p));
    }
    EXPECT_FALSE(fs::exists(dir / "buku <sop>-sop1.docx.tmp"));
    EXPECT_TRUE(report::write_standard_docx_files(files[3], dir, taken).empty()); // no SOP
    fs::remove_all(dir);
}

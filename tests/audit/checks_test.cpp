// One case per rule of the shipped rule file: the rule fires on a small hand-built SOP model that
// breaks it, and stays silent on one that keeps it. The rule ids come from the rule file, so a rule
// added there without a case here is a failing test of its own.
#include "audit/auditor.hpp"
#include "audit/checks.hpp"

#include <algorithm>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace sopaudit::audit {
namespace {

using sop::Symbol;

const std::string k_rules_path = std::string(SOPAUDIT_SOURCE_DIR) + "/rules/permenpan-35-2012.json";

const RuleSet& shipped_rules() {
    static const RuleSet rules = RuleSet::load(k_rules_path);
    return rules;
}

// One file of a run: what the reader gave and what the recogniser found in it.
struct FileCase {
    std::string path = "a.docx";
    layout::ReadResult read;
    sop::Recognition recognition;
    sop::Sop& sop() { return recognition.sops.at(0); }
};
using Files = std::vector<FileCase>;

sop::FieldValue value(const std::string& label, const std::string& text) {
    sop::FieldValue fv;
    fv.label = label;
    fv.text = text;
    fv.where.page = 1;
    fv.where.table = 0;
    return fv;
}

sop::Step step(const std::string& no, const std::string& kegiatan, int actor, Symbol symbol) {
    sop::Step s;
    s.no = no;
    s.kegiatan = kegiatan;
    s.kelengkapan = "Berkas usulan";
    s.waktu = "15 menit";
    s.output = "Berkas";
    s.keterangan = "-";
    s.actor_indices = {actor};
    s.actors = {actor == 0 ? "Staf" : "Kabag"};
    s.symbol = symbol;
    s.symbol_geometries = {sop::to_string(symbol)};
    s.where = {1, 1, 2 + std::stoi(no), -1, std::nullopt};
    return s;
}

// An SOP that keeps every rule.
sop::Sop good_sop(const std::string& nomor = "800/012/SOP-ORG/2022") {
    sop::Sop s;
    s.identity_found = true;
    s.where = {1, 0, -1, -1, std::nullopt};
    s.identity["instansi"] = value("", "PEMERINTAH KABUPATEN PANDEGLANG BAGIAN ORGANISASI");
    s.identity["nomor"] = value("Nomor SOP", nomor);
    s.identity["tanggal_pembuatan"] = value("Tgl. Pembuatan", "22 Juni 2022");
    s.identity["tanggal_revisi"] = value("Tgl. Revisi", "-");
    s.identity["tanggal_efektif"] = value("Tgl. Efektif", "1 Juli 2022");
    s.identity["disahkan_oleh"] =
        value("Disahkan Oleh",
              "KEPALA BAGIAN ORGANISASI, Budi Santoso, S.Sos. NIP. 19750812 200003 1 004");
    s.identity["nama"] = value("Nama SOP", "Penyusunan SOP");
    s.identity["dasar_hukum"] =
        value("Dasar Hukum", "1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah");
    s.dasar_hukum_items = {"Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"};
    s.identity["kualifikasi_pelaksana"] = value("Kualifikasi Pelaksana", "Memahami tata naskah");
    s.identity["keterkaitan"] = value("Keterkaitan", "SOP Evaluasi");
    s.identity["peralatan_perlengkapan"] = value("Peralatan/Perlengkapan", "Komputer");
    s.identity["peringatan"] = value("Peringatan", "SOP tidak seragam");
    s.identity["pencatatan_pendataan"] = value("Pencatatan dan Pendataan", "Arsip");
    auto& p = s.procedure;
    p.found = true;
    p.columns = {"no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan"};
    p.actors = {"Staf", "Kabag"};
    p.tables = {1};
    p.where = {1, 1, -1, -1, std::nullopt};
    p.steps = {step("1", "Menerima berkas", 0, Symbol::terminator),
               step("2", "Memeriksa berkas", 1, Symbol::process),
               step("3", "Menyerahkan hasil", 0, Symbol::terminator)};
    return s;
}

Files good_run() {
    FileCase f;
    f.read.document.method = "xml";
    f.recognition.sops.push_back(good_sop());
    return {f};
}

// Rule ids of every finding of the run: reader problems, per file, then across the run.
std::set<std::string> findings_of(const Files& run) {
    const Auditor auditor(shipped_rules(), Lang::en);
    std::vector<FileResult> files;
    for (const auto& f : run) {
        FileResult r;
        r.path = f.path;
        r.sops = f.recognition.sops;
        r.findings = auditor.audit_file(f.read, f.recognition);
        files.push_back(std::move(r));
    }
    auditor.audit_run(files);
    std::set<std::string> ids;
    for (const auto& f : files) {
        for (const auto& finding : f.findings) {
            EXPECT_FALSE(finding.message.empty()) << finding.rule;
            EXPECT_EQ(finding.message.find('{'), std::string::npos)
                << finding.rule << ": " << finding.message;
            ids.insert(finding.rule);
        }
    }
    return ids;
}

struct RuleCase {
    std::function<void(Files&)> breaks; // makes the good run break the rule
    std::function<void(Files&)> keeps;  // a near miss that keeps it
};

void problem(Files& r, layout::ProblemKind kind, bool failed) {
    r[0].read.problems.push_back({kind, "detail", failed ? 0 : 1});
    r[0].read.failed = failed;
}

void set_field(Files& r, const std::string& key, const std::string& text) {
    r[0].sop().identity[key].text = text;
}

void set_citation(Files& r, const std::string& item) {
    set_field(r, "dasar_hukum", "1. " + item);
    r[0].sop().dasar_hukum_items = {item};
}

sop::Step& step_of(Files& r, std::size_t i) {
    return r[0].sop().procedure.steps.at(i);
}

void nothing(Files&) {}

const std::map<std::string, RuleCase>& rule_cases() {
    using K = layout::ProblemKind;
    static const std::map<std::string, RuleCase> cases = {
        {"ingest-unreadable", {[](Files& r) { problem(r, K::unreadable, true); }, nothing}},
        {"ingest-encrypted", {[](Files& r) { problem(r, K::encrypted, true); }, nothing}},
        {"ingest-unsupported", {[](Files& r) { problem(r, K::unsupported, true); }, nothing}},
        {"ingest-limit",
         {[](Files& r) { problem(r, K::limit, true); },
          [](Files& r) { problem(r, K::unreadable, true); }}},
        {"ingest-low-confidence",
         {[](Files& r) { problem(r, K::low_confidence, false); }, nothing}},
        {"ingest-not-sop",
         {[](Files& r) { r[0].recognition.sops.clear(); },
          [](Files& r) {
              r[0].recognition.sops.clear();
              problem(r, K::unreadable, true);
          }}},
        {"identity-missing",
         {[](Files& r) {
              r[0].sop().identity.clear();
              r[0].sop().identity_found = false;
          },
          nothing}},
        {"identity-field-missing",
         {[](Files& r) { r[0].sop().identity.erase("peringatan"); },
          [](Files& r) { set_field(r, "peringatan", ""); }}},
        {"identity-field-empty",
         {[](Files& r) { set_field(r, "keterkaitan", "........"); },
          [](Files& r) { set_field(r, "tanggal_revisi", "-"); }}},
        {"identity-date-invalid",
         {[](Files& r) { set_field(r, "tanggal_revisi", "Agustus 2023"); },
          [](Files& r) { set_field(r, "tanggal_revisi", "28 Pebruari 2023"); }}},
        {"identity-date-order",
         {[](Files& r) { set_field(r, "tanggal_efektif", "1 Januari 2022"); },
          [](Files& r) { set_field(r, "tanggal_efektif", "22-06-2022"); }}},
        {"identity-nomor-format",
         {[](Files& r) { set_field(r, "nomor", "000.8.3.3/ /SATPOLPP-A"); },
          [](Files& r) { set_field(r, "nomor", "000.8.3.3/12/SATPOLPP-A"); }}},
        {"identity-nomor-duplicate",
         {[](Files& r) {
              r.push_back(r[0]);
              r[1].path = "b.docx";
          },
          [](Files& r) {
              r.push_back(r[0]);
              r[1].path = "b.docx";
              set_field(r, "nomor", "800/013/SOP-ORG/2022");
          }}},
        {"identity-approval-incomplete",
         {[](Files& r) { set_field(r, "disahkan_oleh", "Budi Santoso, S.Sos."); },
          [](Files& r) {
              set_field(r, "disahkan_oleh",
                        "CAMAT KARANG TANJUNG\nBudi Santoso\nNIP. 19750812 200003 1 004");
          }}},
        {"identity-nip-invalid",
         {[](Files& r) {
              set_field(r, "disahkan_oleh", "KEPALA BAGIAN, Budi, NIP. 19751332 200003 1 004");
          },
          [](Files& r) {
              set_field(r, "disahkan_oleh", "KEPALA BAGIAN, Budi, NIP. 19900101 202221 1 004");
          }}},
        {"identity-nip-pppk",
         {[](Files& r) {
              set_field(r, "disahkan_oleh", "KEPALA BAGIAN, Budi, NIP. 19900101 202221 1 004");
          },
          nothing}},
        {"legal-citation-unrecognized",
         {[](Files& r) { set_citation(r, "Peraturan tentang Tata Naskah"); },
          [](Files& r) { set_citation(r, "UU No. 25/2009 tentang Pelayanan Publik"); }}},
        {"legal-citation-revoked",
         {[](Files& r) {
              set_citation(r, "Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah");
          },
          [](Files& r) {
              set_citation(r, "Undang-Undang Nomor 32 Tahun 2009 tentang Lingkungan Hidup");
          }}},
        {"procedure-missing", {[](Files& r) { r[0].sop().procedure = sop::Procedure{}; }, nothing}},
        {"procedure-column-missing",
         {[](Files& r) { r[0].sop().procedure.columns.pop_back(); }, nothing}},
        {"procedure-numbering",
         {[](Files& r) { step_of(r, 1).no = "3"; }, [](Files& r) { step_of(r, 1).no = "2."; }}},
        {"procedure-activity-empty", {[](Files& r) { step_of(r, 1).kegiatan = ""; }, nothing}},
        {"procedure-activity-verb",
         {[](Files& r) { step_of(r, 1).kegiatan = "Berkas diperiksa Kabag"; },
          [](Files& r) { step_of(r, 1).kegiatan = "Berkoordinasi dengan Kabag"; }}},
        {"procedure-actor-missing",
         {[](Files& r) {
              step_of(r, 1).actors.clear();
              step_of(r, 1).actor_indices.clear();
          },
          nothing}},
        {"procedure-actor-multiple",
         {[](Files& r) {
              step_of(r, 1).actors = {"Staf", "Kabag"};
              step_of(r, 1).actor_indices = {0, 1};
          },
          nothing}},
        {"procedure-actor-unused",
         {[](Files& r) { r[0].sop().procedure.actors.push_back("Sekretaris"); }, nothing}},
        {"procedure-time-missing",
         {[](Files& r) { step_of(r, 1).waktu = ""; },
          [](Files& r) { step_of(r, 1).waktu = "segera"; }}},
        {"procedure-time-unit",
         {[](Files& r) { step_of(r, 1).waktu = "segera"; },
          [](Files& r) { step_of(r, 1).waktu = "1 x 24 jam"; }}},
        {"procedure-output-missing", {[](Files& r) { step_of(r, 1).output = ""; }, nothing}},
        {"flowchart-absent",
         {[](Files& r) {
              for (auto& s : r[0].sop().procedure.steps) {
                  s.symbol = Symbol::mark;
              }
          },
          [](Files& r) { step_of(r, 1).symbol = Symbol::mark; }}},
        {"flowchart-terminator",
         {[](Files& r) { step_of(r, 0).symbol = Symbol::process; },
          [](Files& r) { step_of(r, 1).symbol = Symbol::decision; }}},
        {"flowchart-symbol-nonstandard",
         {[](Files& r) {
              step_of(r, 1).symbol = Symbol::other;
              step_of(r, 1).symbol_geometries = {"ellipse"};
          },
          nothing}},
    };
    return cases;
}

TEST(Checks, TheGoodSopBreaksNoRule) {
    EXPECT_EQ(findings_of(good_run()), std::set<std::string>{});
}

TEST(Checks, EveryCaseNamesARuleOfTheRuleFile) {
    for (const auto& [id, c] : rule_cases()) {
        EXPECT_NE(shipped_rules().find(id), nullptr)
            << "case for a rule the rule file does not have: " << id;
    }
}

// Read by OCR (confidence below 1), what OCR noise could have caused is "can't verify", not a
// violation; the same text read from XML is judged.
TEST(Checks, ScannedReadsAreJudgedOnlyWhereTheReaderIsSure) {
    auto fires = [](const std::string& rule, bool scanned,
                    const std::function<void(Files&)>& change) {
        Files r = good_run();
        change(r);
        if (scanned) {
            auto& s = r[0].sop();
            s.confidence = 0.9;
            for (auto& [key, fv] : s.identity) {
                fv.confidence = 0.9;
            }
            for (auto& st : s.procedure.steps) {
                st.confidence = 0.9;
            }
        }
        return findings_of(r).count(rule) == 1;
    };
    const auto garbled_kind = [](Files& r) {
        set_citation(r, "Ungang-Ungang Nomor 1 tahun 2004 tentang X");
    };
    EXPECT_TRUE(fires("legal-citation-unrecognized", false, garbled_kind));
    EXPECT_FALSE(fires("legal-citation-unrecognized", true, garbled_kind));
    const auto garbled_year = [](Files& r) {
        set_citation(r, "Undang-Undang Nomor 1 tahun ZUL£ tentang X");
    };
    EXPECT_FALSE(fires("legal-citation-unrecognized", true, garbled_year));
    const auto no_number = [](Files& r) {
        set_citation(r, "Peraturan Bupati tentang Uraian Tugas");
    };
    EXPECT_TRUE(fires("legal-citation-unrecognized", true, no_number));

    const auto misread_no = [](Files& r) { step_of(r, 1).no = "£"; };
    EXPECT_TRUE(fires("procedure-numbering", false, misread_no));
    EXPECT_FALSE(fires("procedure-numbering", true, misread_no));
    const auto repeated_no = [](Files& r) { step_of(r, 2).no = "2"; };
    EXPECT_TRUE(fires("procedure-numbering", true, repeated_no));

    const auto misread_unit = [](Files& r) { step_of(r, 1).waktu = "2 han"; };
    EXPECT_TRUE(fires("procedure-time-unit", false, misread_unit));
    EXPECT_FALSE(fires("procedure-time-unit", true, misread_unit));
    EXPECT_FALSE(fires("procedure-time-unit", false,
                       [](Files& r) { step_of(r, 1).waktu = "1 (satu) hari kerja"; }));

    const auto misread_verb = [](Files& r) { step_of(r, 1).kegiatan = "Venerima surat"; };
    EXPECT_TRUE(fires("procedure-activity-verb", false, misread_verb));
    EXPECT_FALSE(fires("procedure-activity-verb", true, misread_verb));
    EXPECT_TRUE(fires("procedure-activity-verb", true,
                      [](Files& r) { step_of(r, 1).kegiatan = "Felaksanaan rapat"; }));

    const auto garbled_month = [](Files& r) { set_field(r, "tanggal_efektif", "29 Pavshot 2023"); };
    EXPECT_TRUE(fires("identity-date-invalid", false, garbled_month));
    EXPECT_FALSE(fires("identity-date-invalid", true, garbled_month));
    EXPECT_TRUE(fires("identity-date-invalid", true,
                      [](Files& r) { set_field(r, "tanggal_efektif", "2024"); }));
    // A date read below the rule's min_confidence is not judged at all: "2024" read well is a
    // partial date, read this poorly it may be "2 Mei 2024" with two words lost.
    const auto poor_partial = [](Files& r) {
        set_field(r, "tanggal_efektif", "2024");
        r[0].sop().identity.at("tanggal_efektif").confidence = 0.3;
    };
    EXPECT_FALSE(fires("identity-date-invalid", false, poor_partial));
    EXPECT_FALSE(fires("identity-date-invalid", false, [](Files& r) {
        set_field(r, "tanggal_efektif", "31 Apr 2025");
        r[0].sop().identity.at("tanggal_efektif").confidence = 0.49;
    }));
    EXPECT_TRUE(fires("identity-date-invalid", false, [](Files& r) {
        set_field(r, "tanggal_efektif", "31 Apr 2025");
        r[0].sop().identity.at("tanggal_efektif").confidence = 0.5;
    }));

    const auto extra_digit = [](Files& r) {
        set_field(r, "disahkan_oleh", "KEPALA, Budi, NIP. 1970111102012121005");
    };
    EXPECT_TRUE(fires("identity-nip-invalid", false, extra_digit));
    EXPECT_FALSE(fires("identity-nip-invalid", true, extra_digit));

    const auto signed_over = [](Files& r) {
        set_field(r, "disahkan_oleh", "KERALA SATUAN POLISI PAMONG PRAJA, S Aa Ltj");
    };
    EXPECT_TRUE(fires("identity-approval-incomplete", false, signed_over));
    EXPECT_FALSE(fires("identity-approval-incomplete", true, signed_over));
    EXPECT_TRUE(fires("identity-approval-incomplete", true, [](Files& r) {
        set_field(r, "disahkan_oleh", "Budi Santoso NIP. 19750812 200003 1 004");
    }));

    const auto missing_column = [](Files& r) {
        r[0].sop().procedure.columns.pop_back();
        r[0].sop().procedure.unkeyed_columns = 1;
    };
    EXPECT_TRUE(fires("procedure-column-missing", false, missing_column));
    EXPECT_FALSE(fires("procedure-column-missing", true, missing_column));

    const auto half_read = [](Files& r) {
        for (const char* key :
             {"nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "nama"}) {
            r[0].sop().identity.erase(key);
        }
    };
    EXPECT_TRUE(fires("identity-field-missing", false, half_read));
    EXPECT_FALSE(fires("identity-field-missing", true, half_read));
    EXPECT_TRUE(fires("identity-field-missing", true,
                      [](Files& r) { r[0].sop().identity.erase("peringatan"); }));
}

TEST(Checks, ASubItemMarkerIsNoPartOfTheActivity) {
    Files r = good_run();
    step_of(r, 1).kegiatan = "a. membuat Surat Perintah Tugas";
    EXPECT_EQ(findings_of(r).count("procedure-activity-verb"), 0u);
    step_of(r, 1).kegiatan = "a. surat dibuat";
    EXPECT_EQ(findings_of(r).count("procedure-activity-verb"), 1u);
}

TEST(Checks, ARegisterNumberWithABlankSequenceIsNoDuplicate) {
    Files r = good_run();
    set_field(r, "nomor", "000.8.3.3/ /SATPOLPP-A");
    r.push_back(r[0]);
    r[1].path = "b.pdf";
    EXPECT_EQ(findings_of(r).count("identity-nomor-duplicate"), 0u);
}

TEST(Checks, AVeryLongTimeCellIsJudgedWithoutRunningAway) {
    // 200,000 digits: a regex searched over the whole cell backtracks per start position and
    // recurses per character (minutes, or a stack overflow); the unit-anchored search does not.
    const std::string digits(200'000, '7');
    Files r = good_run();
    step_of(r, 1).waktu = digits + " menit";
    EXPECT_EQ(findings_of(r).count("procedure-time-unit"), 0u);
    step_of(r, 1).waktu = digits;
    EXPECT_EQ(findings_of(r).count("procedure-time-unit"), 1u);
    step_of(r, 1).waktu = digits + "menitnya";
    EXPECT_EQ(findings_of(r).count("procedure-time-unit"), 1u);
}

class RuleCaseTest : public ::testing::TestWithParam<std::string> {};

// Fails for a rule of the rule file that has no case above.
TEST_P(RuleCaseTest, FiresWhenBrokenAndNotWhenKept) {
    const auto& id = GetParam();
    const auto it = rule_cases().find(id);
    ASSERT_NE(it, rule_cases().end()) << "rule " << id << " has no case in rule_cases(): add one";
    Files broken = good_run();
    it->second.breaks(broken);
    EXPECT_EQ(findings_of(broken).count(id), 1u) << id << " did not fire on its breaking case";
    Files kept = good_run();
    it->second.keeps(kept);
    EXPECT_EQ(findings_of(kept).count(id), 0u) << id << " fired on its keeping case";
}

std::vector<std::string> rule_ids() {
    std::vector<std::string> ids;
    for (const auto& r : shipped_rules().rules()) {
        ids.push_back(r.id);
    }
    return ids;
}

INSTANTIATE_TEST_SUITE_P(ShippedRules, RuleCaseTest, ::testing::ValuesIn(rule_ids()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             auto name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

} // namespace
} // namespace sopaudit::audit

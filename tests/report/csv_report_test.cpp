#include "report/csv_report.hpp"
#include "report/report_fixtures.hpp"
#include "report/ui_text.hpp"
#include "support/support.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace sopaudit;
namespace fs = std::filesystem;

namespace {

// A strict RFC 4180 reader: CRLF records, quoted fields with "" for a quote. Fails the test on
// anything else (a bare LF outside quotes, a quote inside an unquoted field).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            EXPECT_TRUE(field.empty() && !was_quoted) << "quote inside an unquoted field at " << i;
            quoted = was_quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
            was_quoted = false;
        } else if (c == '\r') {
            EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "CR without LF at " << i;
            ++i;
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            was_quoted = false;
        } else {
            EXPECT_NE(c, '\n') << "bare LF at " << i;
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quote";
    EXPECT_TRUE(row.empty() && field.empty()) << "last record without CRLF";
    return rows;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

} // namespace

TEST(CsvField, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(report::csv_field("plain"), "plain");
    EXPECT_EQ(report::csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(report::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(report::csv_field("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(report::csv_field(""), "");
}

TEST(CsvField, DefusesFormulas) {
    EXPECT_EQ(report::csv_field("=1+1"), "'=1+1");
    EXPECT_EQ(report::csv_field("+62 812"), "'+62 812");
    EXPECT_EQ(report::csv_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(report::csv_field("-cmd"), "'-cmd");
    EXPECT_EQ(report::csv_field("-"), "-");           // a never-revised tanggal_revisi
    EXPECT_EQ(report::csv_field("- item"), "- item"); // a list dash
    EXPECT_EQ(report::csv_field("-5"), "-5");
}

TEST(FindingsCsv, ParsesBackToTheSameFindings) {
    const auto files = report::testing::sample_results();
    const auto dir = test::fresh_temp_dir("findings");
    report::write_findings_csv(dir / "findings.csv", files, audit::Lang::id);
    const auto text = slurp(dir / "findings.csv");
    ASSERT_GE(text.size(), 3u);
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    const auto rows = parse_csv(text.substr(3));
    std::size_t n = 0;
    for (const auto& f : files) {
        n += f.findings.size();
    }
    ASSERT_EQ(rows.size(), n + 1);
    for (const auto& r : rows) {
        ASSERT_EQ(r.size(), 10u);
    }
    EXPECT_EQ(rows[0][0], "Berkas");
    EXPECT_EQ(rows[0][9], "Pesan");
    std::size_t r = 1;
    for (const auto& f : files) {
        for (const auto& finding : f.findings) {
            const auto& row = rows[r++];
            EXPECT_EQ(row[0], f.path);
            EXPECT_EQ(row[1],
                      finding.location.sop ? std::to_string(*finding.location.sop + 1) : "");
            if (finding.location.sop) {
                const auto& sop = f.sops[static_cast<std::size_t>(*finding.location.sop)];
                EXPECT_EQ(row[2], sop.identity.at("nomor").text);
                EXPECT_EQ(row[3], sop.identity.at("nama").text);
            }
            EXPECT_EQ(row[4], finding.rule);
            EXPECT_EQ(row[5], report::severity_label(finding.severity, audit::Lang::id));
            EXPECT_EQ(row[6], finding.location.field.value_or(""));
            EXPECT_EQ(row[7], finding.location.row ? std::to_string(*finding.location.row) : "");
            EXPECT_EQ(row[9], finding.message);
        }
    }
    fs::remove_all(dir);
}

TEST(FindingsCsv, EnglishHeaders) {
    const auto dir = test::fresh_temp_dir("findings-en");
    report::write_findings_csv(dir / "f.csv", report::testing::sample_results(), audit::Lang::en);
    const auto rows = parse_csv(slurp(dir / "f.csv").substr(3));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0][0], "File");
    EXPECT_EQ(rows[0][5], "Severity");
    fs::remove_all(dir);
}

TEST(SopsCsv, OneRowPerSopWithIdentityAndCounts) {
    const auto files = report::testing::sample_results();
    const auto dir = test::fresh_temp_dir("sops");
    report::write_sops_csv(dir / "sops.csv", files, audit::Lang::id);
    const auto text = slurp(dir / "sops.csv");
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    const auto rows = parse_csv(text.substr(3));
    ASSERT_EQ(rows.size(), 4u); // header + 3 SOPs
    const std::size_t n_cols = 2 + std::size(sop::k_identity_keys) + 5;
    for (const auto& r : rows) {
        ASSERT_EQ(r.size(), n_cols);
    }
    EXPECT_EQ(rows[0][3], "Nomor SOP");
    // Second file, first SOP: its hostile nomor comes back verbatim (it does not start with '=').
    const auto& row = rows[2];
    EXPECT_EQ(row[0], files[1].path);
    EXPECT_EQ(row[1], "1");
    EXPECT_EQ(row[3], report::testing::k_attr_injection);
    EXPECT_EQ(row[2], "PEMERINTAH KABUPATEN CONTOH\nBAGIAN ORGANISASI");
    EXPECT_EQ(row[n_cols - 5], "4"); // steps
    EXPECT_EQ(row[n_cols - 4], "3"); // actors
    EXPECT_EQ(row[n_cols - 3], "2"); // errors
    EXPECT_EQ(row[n_cols - 2], "2"); // warnings
    EXPECT_EQ(row[n_cols - 1], "0"); // info
    // The SOP without a Peringatan label has an empty cell there.
    EXPECT_EQ(rows[3][2 + 11], "");
    fs::remove_all(dir);
}

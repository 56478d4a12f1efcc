#include "pipeline/pipeline.hpp"

#include "ocr/scan_reader.hpp" // ocr::Engine, held for in-process reads
#include "ocr/text_ocr.hpp"
#include "pipeline/config.hpp"
#include "pipeline/file_order.hpp"
#include "pipeline/incremental.hpp"
#include "pipeline/isolation.hpp"
#include "pipeline/progress.hpp"
#include "report/human_reports.hpp"
#include "report/page_images.hpp"
#include "report/result_spool.hpp"
#include "sop/recognizer.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace sopaudit::pipeline {
namespace {

namespace fs = std::filesystem;
using audit::Lang;
using layout::Problem;
using layout::ProblemKind;

// Words of the problems the pipeline itself reports, in the run's language (readers' details are
// technical and stay as they are).
struct Wording {
    const char* id;
    const char* en;
};

std::string say(Lang lang, const Wording& w, const std::string& tail = {}) {
    std::string out = lang == Lang::en ? w.en : w.id;
    if (!tail.empty()) {
        out += " (" + tail + ")";
    }
    return out;
}

constexpr Wording k_empty{"berkas kosong (0 bita)", "empty file (0 bytes)"};
constexpr Wording k_damaged{"berkas rusak atau terpotong", "the file is corrupt or truncated"};
constexpr Wording k_doc{
    "dokumen Word 97-2003 (.doc); buka di Word atau LibreOffice lalu simpan sebagai .docx",
    "legacy Word 97-2003 document (.doc); open it in Word or LibreOffice and save it as .docx"};
constexpr Wording k_odt{"dokumen OpenDocument (.odt); simpan sebagai .docx",
                        "OpenDocument text (.odt); save it as .docx"};
constexpr Wording k_encrypted{"dokumen Office terenkripsi", "encrypted Office document"};
constexpr Wording k_zip_other{"arsip zip yang bukan dokumen Word",
                              "a zip archive that is not a Word document"};
constexpr Wording k_unknown{"isi berkas bukan dokumen Word, PDF, atau gambar",
                            "the content is not a Word document, PDF or image"};
constexpr Wording k_too_big{"ukuran berkas melebihi batas", "the file is larger than the limit"};
constexpr Wording k_cannot_read{"berkas tidak dapat dibuka", "the file cannot be opened"};
constexpr Wording k_arriving{"berkas masih berubah saat dibaca (sedang disalin?); dibaca lagi pada "
                             "pemindaian berikutnya",
                             "the file changed while it was read (still being copied?); it is read "
                             "again on the next scan"};
constexpr Wording k_internal{"galat internal sopaudit", "internal sopaudit error"};

layout::ReadResult failed_read(ProblemKind kind, std::string detail) {
    layout::ReadResult r;
    r.failed = true;
    r.problems.push_back(Problem{kind, std::move(detail), 0});
    return r;
}

} // namespace

FileProcessor::FileProcessor(const audit::RuleSet& rules, const audit::Auditor& auditor,
                             const ingest::Limits& limits, bool isolated)
    : m_rules(rules), m_auditor(auditor), m_limits(limits), m_isolated(isolated),
      m_recognition(rules.recognition()) {}

FileProcessor::~FileProcessor() = default;

layout::ReadResult FileProcessor::read(const ingest::Candidate& candidate,
                                       const ingest::SniffResult& sniffed) {
    const Lang lang = m_auditor.lang();
    using ingest::Format;
    if (sniffed.damaged) {
        return failed_read(ProblemKind::unreadable, say(lang, k_damaged, sniffed.detail));
    }
    switch (sniffed.format) {
    case Format::docx:
    case Format::pdf:
    case Format::image: {
        ReadRequest request;
        request.label = candidate.relative;
        request.file = candidate.absolute;
        request.format = sniffed.format;
        request.limits = m_limits;
        if (!m_isolated) {
            return read_in_process(request, m_engine);
        }
        if (!m_reader) {
            m_reader = std::make_unique<ReaderProcess>();
        }
        return m_reader->read(request).result;
    }
    case Format::doc:
        return failed_read(ProblemKind::unsupported, say(lang, k_doc));
    case Format::odt:
        return failed_read(ProblemKind::unsupported, say(lang, k_odt));
    case Format::ooxml_encrypted:
        return failed_read(ProblemKind::encrypted, say(lang, k_encrypted));
    case Format::zip_other:
        return failed_read(ProblemKind::unsupported, say(lang, k_zip_other, sniffed.detail));
    case Format::empty:
        return failed_read(ProblemKind::unreadable, say(lang, k_empty));
    case Format::unknown:
        break;
    }
    return failed_read(ProblemKind::unsupported, say(lang, k_unknown, sniffed.detail));
}

FileProcessor::Outcome FileProcessor::process(const ingest::Candidate& candidate,
                                              ResultStore* store) {
    const Lang lang = m_auditor.lang();
    Outcome out;
    audit::FileResult& r = out.result;
    r.path = candidate.relative;
    r.root = candidate.root;
    r.size = candidate.size;
    r.mtime_ns = candidate.mtime_ns;
    r.format = ingest::report_format(ingest::Format::unknown);

    auto fail_with = [&](const layout::ReadResult& read) {
        r.status = "failed";
        r.method.clear();
        r.sops.clear();
        r.findings = m_auditor.ingest_findings(read.problems);
    };

    try {
        if (store != nullptr) {
            if (auto stored = store->unchanged(candidate)) {
                out.result = std::move(*stored);
                out.result.path = candidate.relative;
                out.result.root = candidate.root;
                out.result.status = "unchanged";
                return out;
            }
        }
        if (candidate.size > m_limits.max_file_bytes) {
            r.format = ingest::report_format(ingest::sniff(candidate.absolute));
            fail_with(failed_read(ProblemKind::limit,
                                  say(lang, k_too_big,
                                      std::to_string(candidate.size) + " > " +
                                          std::to_string(m_limits.max_file_bytes) + " bytes")));
            return out;
        }
        try {
            r.sha256 = ingest::sha256_file(candidate.absolute);
        } catch (const std::exception& e) {
            fail_with(failed_read(ProblemKind::unreadable, say(lang, k_cannot_read, e.what())));
            return out;
        }
        if (store != nullptr) {
            if (auto stored = store->reuse(candidate, r.sha256)) {
                out.result = std::move(*stored);
                out.result.path = candidate.relative;
                out.result.root = candidate.root;
                out.result.size = candidate.size;
                out.result.mtime_ns = candidate.mtime_ns;
                out.result.status = "unchanged";
                return out;
            }
        }
        // The library work runs in this worker's reader process (src/pipeline/isolation.hpp):
        // a crash or a hang there fails this file only.
        const ingest::SniffResult sniffed = ingest::sniff_file(candidate.absolute);
        r.format = ingest::report_format(sniffed.format);
        layout::ReadResult read = this->read(candidate, sniffed);
        clip_long_text(read.document, static_cast<std::size_t>(m_limits.max_paragraph_bytes));
        // A file still being copied in: what was read is not the file it will be. Say so, and
        // let the state forget it so the next run reads it again.
        if (const auto arriving = still_arriving(candidate, read.failed)) {
            r.transient = true;
            fail_with(failed_read(ProblemKind::unreadable, say(lang, k_arriving, *arriving)));
            return out;
        }
        if (read.failed) {
            fail_with(read);
            return out;
        }
        r.status = "audited";
        r.method = read.document.method;
        if (!read.document.pages.empty()) {
            r.pages = static_cast<int>(read.document.pages.size());
        }
        sop::Recognition recognition = sop::recognize(read.document, m_recognition);
        r.findings = m_auditor.audit_file(read, recognition);
        r.sops = std::move(recognition.sops);
        if (sniffed.format == ingest::Format::pdf || sniffed.format == ingest::Format::image) {
            report::capture_layout_boxes(read.document, r); // for the annotated page images
        }
    } catch (const std::exception& e) {
        // A bug or a broken installation (missing OCR data): this file fails, the batch goes on.
        out.internal_error = e.what();
        fail_with(failed_read(ProblemKind::unreadable, say(lang, k_internal, e.what())));
    }
    return out;
}

namespace {

// Hands results to the sink, their report.json entries to the report writer, and the results
// themselves to the spool and the run-level rules in report order while workers finish them in
// any order. Only what waits for a file before it stays in memory.
class OrderedDelivery {
public:
    OrderedDelivery(std::size_t n, ResultSink* sink, report::JsonReportWriter& report,
                    report::ResultSpool& spool, audit::RunAudit& run_audit, bool verbose,
                    Progress* progress)
        : m_count(n), m_sink(sink), m_report(report), m_spool(spool), m_run_audit(run_audit),
          m_verbose(verbose), m_progress(progress) {}

    // entry: the file's report.json entry (JsonReportWriter::entry_text), record: its spool
    // record (ResultSpool::record_bytes), both made by the worker.
    void put(std::size_t index, FileProcessor::Outcome outcome, std::string entry,
             std::string record, std::vector<std::string> sops_written) {
        std::lock_guard lock(m_mutex);
        m_waiting.emplace(index, Done{std::move(outcome), std::move(entry), std::move(record),
                                      std::move(sops_written)});
        for (auto it = m_waiting.begin(); it != m_waiting.end() && it->first == m_next;
             it = m_waiting.erase(it)) {
            const auto& done = it->second.outcome;
            m_report.add(it->second.entry);
            if (m_progress != nullptr) {
                m_progress->file_done(done.result.path, done.result.status, done.result.sops.size(),
                                      done.result.findings.size(), done.seconds);
            } else if (m_verbose) {
                std::cerr << "[" << (m_next + 1) << "/" << m_count << "] " << done.result.path
                          << ": " << done.result.status << ", " << done.result.findings.size()
                          << " finding(s)\n";
            }
            if (m_sink != nullptr) {
                m_sink->accept(done.result);
            }
            if (!done.internal_error.empty()) {
                m_internal_errors.push_back(done.result.path + ": " + done.internal_error);
            }
            m_run_audit.add(done.result);
            m_spool.add_record(it->second.record);
            m_sops_written.insert(m_sops_written.end(), it->second.sops_written.begin(),
                                  it->second.sops_written.end());
            ++m_next;
        }
    }

    std::vector<std::string>& internal_errors() { return m_internal_errors; }
    const std::vector<std::string>& sops_written() const { return m_sops_written; }

private:
    std::mutex m_mutex;
    struct Done {
        FileProcessor::Outcome outcome;
        std::string entry;
        std::string record;
        std::vector<std::string> sops_written;
    };
    std::size_t m_count;
    std::map<std::size_t, Done> m_waiting; // done, but a file before it is not yet
    std::size_t m_next = 0;
    ResultSink* m_sink;
    report::JsonReportWriter& m_report;
    report::ResultSpool& m_spool;
    audit::RunAudit& m_run_audit;
    std::vector<std::string> m_internal_errors; // "path: what went wrong"
    std::vector<std::string> m_sops_written;    // sops/ files the workers wrote, in report order
    bool m_verbose;
    Progress* m_progress;
};

const char* lang_code(Lang lang) {
    return lang == Lang::en ? "en" : "id";
}

} // namespace

RunOutcome run_scan(const RunOptions& options, ResultStore* store, ResultSink* sink) {
    report::RunInfo info;
    info.started_at = report::iso8601_now();
    info.tool_version = options.tool_version;
    info.lang = lang_code(options.lang);

    const std::string rules_path =
        options.rules_path.empty() ? audit::RuleSet::default_path() : options.rules_path;
    const audit::RuleSet rules = audit::RuleSet::load(rules_path);
    info.ruleset_id = rules.id();
    info.ruleset_version = rules.version();
    const audit::Auditor auditor(rules, options.lang);

    if (options.inputs.empty()) {
        throw UsageError("no input given");
    }
    for (const auto& input : options.inputs) {
        std::error_code ec;
        if (!fs::exists(input, ec)) {
            throw UsageError("input not found: " + input.string());
        }
        info.inputs.push_back(input.string());
    }
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec || !fs::is_directory(options.out_dir)) {
        throw std::runtime_error("cannot create the output folder " + options.out_dir.string() +
                                 (ec ? ": " + ec.message() : ""));
    }

    std::vector<ingest::Candidate> candidates =
        select_shard(ingest::walk(options.inputs, {options.out_dir}), options.shard);
    if (!options.shard.whole()) {
        info.shard_index = options.shard.index;
        info.shard_count = options.shard.count;
    }
    if (!options.include.empty() || !options.exclude.empty()) {
        std::erase_if(candidates, [&](const ingest::Candidate& c) {
            return !selected(options.include, options.exclude, c.relative);
        });
    }
    const auto clock_start = std::chrono::steady_clock::now();
    if (sink != nullptr) {
        sink->begin(info, candidates);
    }
    if (options.progress != nullptr) {
        options.progress->start(candidates.size(),
                                store != nullptr ? store->expected_unchanged(candidates) : 0);
    }

    unsigned jobs =
        options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::clamp<std::size_t>(candidates.size(), 1, jobs));

    if (options.verbose) {
        // The readers' thread limit is printed because OCR speed hangs on it (isolation.cpp).
        std::cerr << "sopaudit " << options.tool_version << ": " << candidates.size()
                  << " file(s), " << jobs << " worker(s), rules " << rules.id() << " "
                  << rules.version()
                  << ", readers' OMP_THREAD_LIMIT=" << reader_openmp_thread_limit() << "\n";
    }
    // report.json is written as the files come; the spool it needs is made now, so an output
    // folder that cannot take it stops the run before any work.
    report::JsonReportWriter json_report(options.out_dir / "report.json");
    report::ResultSpool spool(options.out_dir);
    audit::RunAudit run_audit(auditor);
    OrderedDelivery delivery(candidates.size(), sink, json_report, spool, run_audit,
                             options.verbose, options.progress);
    // Made now, not after the workers: it clears pages/, which the workers write into.
    report::HtmlOptions html;
    html.workers = jobs;
    report::HumanReportWriter human(options.out_dir, rules, options.lang, html,
                                    /*write_sops=*/false);
    // Each file's annotated page images, drawn by the worker that read it (a few small records a
    // file; the images themselves are on disk).
    std::vector<std::vector<report::PageImage>> page_images(html.page_images ? candidates.size()
                                                                             : 0);
    // The last files costliest first: so many that a big one among them can still overlap the
    // others, few enough that the results waiting for an earlier one stay a handful.
    FileOrder order(candidates, 8 * static_cast<std::size_t>(jobs));
    std::vector<std::thread> workers;
    workers.reserve(jobs);
    // process() keeps bad files to themselves; what escapes a worker (a failing sink, no memory)
    // stops the run, and the first such error is rethrown here once every thread has ended.
    std::mutex error_mutex;
    std::exception_ptr worker_error;
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back([&] {
            try {
                FileProcessor processor(rules, auditor, options.limits);
                while (const auto index = order.next()) {
                    if (options.progress != nullptr) {
                        options.progress->file_started(candidates[*index].relative);
                    }
                    const auto t0 = std::chrono::steady_clock::now();
                    auto outcome = processor.process(candidates[*index], store);
                    outcome.seconds =
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                            .count();
                    order.done(*index, outcome.seconds);
                    // Printed here, on the worker, so the report costs no serial time at the end.
                    std::string entry = report::JsonReportWriter::entry_text(outcome.result);
                    std::string record = report::ResultSpool::record_bytes(outcome.result);
                    // A file's SOPs as sops/<file>/<n>.json do not depend on the run-level
                    // rules: written here, side by side, not by the main thread after the run.
                    auto sops = report::write_sop_json_files(options.out_dir, outcome.result);
                    // Drawn here, while the other workers' readers run: after the run they were a
                    // serial tail (a tenth of a scan run's CPU). The boxes of the run-level
                    // rules' findings are drawn over them at the end.
                    if (html.page_images) {
                        page_images[*index] =
                            report::write_page_images(options.out_dir, outcome.result, html.images);
                    }
                    delivery.put(*index, std::move(outcome), std::move(entry), std::move(record),
                                 std::move(sops));
                    // Done with: nothing reads this file's strings again.
                    candidates[*index] = ingest::Candidate{};
                }
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!worker_error) {
                    worker_error = std::current_exception();
                }
                order.close();
            }
        });
    }
    for (auto& t : workers) {
        t.join();
    }
    if (worker_error) {
        std::rethrow_exception(worker_error);
    }

    RunOutcome outcome;
    outcome.internal_errors = std::move(delivery.internal_errors());
    // Run-level rules add findings to files already written: those entries are printed again.
    // Then every file, read back from the spool one at a time, goes to the reports.
    std::map<std::size_t, std::vector<audit::Finding>> run_findings = run_audit.findings();
    auto file_at = [&](std::size_t i) {
        audit::FileResult file = spool.read(i);
        if (const auto it = run_findings.find(i); it != run_findings.end()) {
            file.findings.insert(file.findings.end(), it->second.begin(), it->second.end());
        }
        return file;
    };
    human.add_written_sops(delivery.sops_written());
    for (std::size_t i = 0; i < spool.size(); ++i) {
        audit::FileResult file = file_at(i);
        if (run_findings.count(i) != 0) {
            json_report.replace(i, report::JsonReportWriter::entry_text(file));
        }
        report::add_to_summary(outcome.summary, file);
        count_file(outcome.counts, file);
        human.add(file);
        if (sink != nullptr) {
            sink->reported(file);
        }
        if (options.keep_results) {
            outcome.files.push_back(std::move(file));
        }
    }

    info.finished_at = report::iso8601_now();
    if (sink != nullptr) {
        sink->before_report(info);
    }
    count_changes(outcome.counts, info.changes ? &*info.changes : nullptr);
    outcome.report_path = options.out_dir / "report.json";
    json_report.finish(info, outcome.summary);
    human.finish(info, file_at, [&](std::size_t i, const audit::FileResult& file) {
        if (!html.page_images) {
            return std::vector<report::PageImage>{};
        }
        // Each file's section is rendered once: its images are moved out.
        auto images = std::move(page_images[i]);
        if (const auto it = run_findings.find(i); it != run_findings.end()) {
            images =
                report::add_finding_boxes(options.out_dir, file, std::move(images),
                                          file.findings.size() - it->second.size(), html.images);
        }
        return images;
    });

    outcome.exit_code = !outcome.internal_errors.empty() ? 2 : outcome.summary.error > 0 ? 1 : 0;
    if (sink != nullptr) {
        sink->end(info, outcome);
    }
    const std::string summary = summary_line(
        outcome.counts, info.changes && info.changes->has_previous,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count(),
        options.lang, outcome.report_path.string());
    if (options.progress != nullptr) {
        options.progress->finish(summary);
    }
    if (options.print_summary) {
        std::cout << summary << std::endl;
    }
    for (const auto& e : outcome.internal_errors) {
        std::cerr << "sopaudit: internal error: " << e << "\n";
    }
    return outcome;
}

} // namespace sopaudit::pipeline

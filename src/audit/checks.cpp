#include "audit/checks.hpp"

#include "common/citation.hpp"
#include "common/date_parse.hpp"
#include "common/fuzzy.hpp"
#include "common/nip.hpp"
#include "common/text.hpp"

#include <Poco/JSON/Array.h>
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>

namespace sopaudit::audit {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using sop::Sop;
using sop::Step;
using sop::Symbol;
using Values = std::map<std::string, std::string>;

// ------------------------------------------------------------------------------ params

std::vector<std::string> list_param(const Rule& r, const std::string& key,
                                    const std::vector<std::string>& fallback = {}) {
    auto a = r.params->getArray(key);
    if (!a) {
        return fallback;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    }
    return out;
}

std::string string_param(const Rule& r, const std::string& key, const std::string& fallback = {}) {
    if (!r.params->has(key) || r.params->isNull(key)) {
        return fallback;
    }
    return r.params->getValue<std::string>(key);
}

double number_param(const Rule& r, const std::string& key, double fallback) {
    if (!r.params->has(key) || r.params->isNull(key)) {
        return fallback;
    }
    return r.params->getValue<double>(key);
}

// A {"id": ..., "en": ...} text of params, in the run's language.
std::string localized_param(const Rule& r, const std::string& object_key, const std::string& key,
                            Lang lang) {
    auto o = r.params->getObject(object_key);
    if (!o) {
        return key;
    }
    auto entry = o->getObject(key);
    if (!entry) {
        return o->has(key) ? o->getValue<std::string>(key) : key;
    }
    const char* code = lang == Lang::en ? "en" : "id";
    if (entry->has(code)) {
        return entry->getValue<std::string>(code);
    }
    return entry->has("id") ? entry->getValue<std::string>("id") : key;
}

const std::vector<std::string> k_default_identity_fields = {
    "nomor",          "tanggal_pembuatan",
    "tanggal_revisi", "tanggal_efektif",
    "disahkan_oleh",  "nama",
    "dasar_hukum",    "kualifikasi_pelaksana",
    "keterkaitan",    "peralatan_perlengkapan",
    "peringatan",     "pencatatan_pendataan"};

const std::vector<std::string> k_default_placeholders = {"-",   "--",  "...",       "…",
                                                         "xxx", "n/a", "tidak ada", "belum ada"};

// Empty, or a placeholder: a listed value, or nothing but dots, dashes, underscores, ellipses.
bool is_placeholder(const std::string& text, const std::vector<std::string>& placeholders) {
    const auto t = common::lower_ascii(common::fold_space(text));
    if (t.empty()) {
        return true;
    }
    for (const auto& p : placeholders) {
        if (t == common::lower_ascii(p)) {
            return true;
        }
    }
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c == '.' || c == '-' || c == '_' || c == ' ' || c == '/') {
            continue;
        }
        if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
            static_cast<unsigned char>(t[i + 2]) == 0xA6) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

// The compiled form of a rule's pattern. Compiling a std::regex costs far more than matching a
// short field with it, so each (pattern, flags) is compiled once per process, not once per SOP.
// Matching through a const std::regex is safe from several worker threads; map nodes never move.
const std::regex& compiled_regex(const Rule& r, const std::string& pattern,
                                 std::regex::flag_type flags = std::regex::ECMAScript) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::regex::flag_type>,
                    std::unique_ptr<const std::regex>>
        cache;
    const std::lock_guard lock(mutex);
    auto& slot = cache[{pattern, flags}];
    if (!slot) {
        try {
            slot = std::make_unique<const std::regex>(pattern, flags);
        } catch (const std::regex_error&) {
            cache.erase({pattern, flags});
            throw ConfigError("rule " + r.id + ": invalid pattern " + pattern);
        }
    }
    return *slot;
}

// ------------------------------------------------------------------------------ locations

Location sop_location(const SopContext& c) {
    Location l;
    l.sop = c.index;
    if (c.sop.where.page > 0) {
        l.page = c.sop.where.page;
    }
    if (c.sop.where.table >= 0) {
        l.table = c.sop.where.table;
    }
    return l;
}

Location field_location(const SopContext& c, const std::string& key) {
    Location l = sop_location(c);
    l.field = key;
    const auto it = c.sop.identity.find(key);
    if (it != c.sop.identity.end()) {
        const auto& w = it->second.where;
        if (w.page > 0) {
            l.page = w.page;
        }
        if (w.table >= 0) {
            l.table = w.table;
        }
        if (w.bbox) {
            l.bbox = w.bbox;
        }
    }
    return l;
}

Location procedure_location(const SopContext& c) {
    Location l = sop_location(c);
    const auto& w = c.sop.procedure.where;
    if (w.page > 0) {
        l.page = w.page;
    }
    if (w.table >= 0) {
        l.table = w.table;
    }
    return l;
}

Location step_location(const SopContext& c, std::size_t i, const std::string& field = {}) {
    Location l = procedure_location(c);
    const auto& s = c.sop.procedure.steps[i];
    if (s.where.page > 0) {
        l.page = s.where.page;
    }
    if (s.where.table >= 0) {
        l.table = s.where.table;
    }
    if (s.where.bbox) {
        l.bbox = s.where.bbox;
    }
    l.row = static_cast<int>(i + 1);
    if (!field.empty()) {
        l.field = field;
    }
    return l;
}

const sop::FieldValue* field(const Sop& s, const std::string& key) {
    const auto it = s.identity.find(key);
    return it == s.identity.end() ? nullptr : &it->second;
}

bool has_column(const Sop& s, const std::string& key) {
    const auto& cols = s.procedure.columns;
    return std::find(cols.begin(), cols.end(), key) != cols.end();
}

const std::string& step_cell(const Step& s, const std::string& column) {
    static const std::string empty;
    if (column == "no")
        return s.no;
    if (column == "kegiatan")
        return s.kegiatan;
    if (column == "kelengkapan")
        return s.kelengkapan;
    if (column == "waktu")
        return s.waktu;
    if (column == "output")
        return s.output;
    if (column == "keterangan")
        return s.keterangan;
    return empty;
}

bool is_shape_symbol(Symbol s) {
    return s != Symbol::none && s != Symbol::mark;
}

// A table procedure whose steps the per-step rules judge (not a plain list).
bool has_table_steps(const Sop& s) {
    return s.procedure.found && !s.procedure.steps.empty();
}

// ------------------------------------------------------------------------------ identity kinds

void check_identity_missing(const Rule&, const SopContext& c, Emitter& e) {
    if (!c.sop.identity_found && (c.sop.procedure.found || c.sop.procedure.plain_list)) {
        e.emit(procedure_location(c), {});
    }
}

void check_required_field(const Rule& r, const SopContext& c, Emitter& e) {
    if (!c.sop.identity_found) {
        return;
    }
    // Too little was read to say a label is not there.
    if (c.sop.confidence < number_param(r, "min_confidence", 0.5)) {
        return;
    }
    const auto fields = list_param(r, "fields", k_default_identity_fields);
    // Read by OCR, a label can be missing because OCR garbled it or the grid split it: only an
    // identity section read nearly whole says the others are really not there.
    if (c.sop.confidence < number_param(r, "sure_only_below_confidence", 1.0)) {
        const auto found = std::count_if(fields.begin(), fields.end(), [&](const std::string& key) {
            return field(c.sop, key) != nullptr;
        });
        if (found < static_cast<long>(number_param(r, "min_found_when_scanned", 10))) {
            return;
        }
    }
    for (const auto& key : fields) {
        if (field(c.sop, key) == nullptr) {
            Location l = sop_location(c);
            l.field = key;
            e.emit(l, {{"field", key}, {"label", field_display_name(key)}});
        }
    }
}

void check_field_empty(const Rule& r, const SopContext& c, Emitter& e) {
    if (!c.sop.identity_found) {
        return;
    }
    const auto placeholders = list_param(r, "placeholders", k_default_placeholders);
    const double min_conf = number_param(r, "min_confidence", 0.5);
    auto allowed = r.params->getObject("allowed_values");
    auto severities = r.params->getObject("severity_by_field");
    for (const auto& key : list_param(r, "fields", k_default_identity_fields)) {
        const auto* fv = field(c.sop, key);
        if (fv == nullptr || !is_placeholder(fv->text, placeholders)) {
            continue;
        }
        if (fv->confidence < min_conf) {
            continue; // can't verify an OCR read this poor
        }
        if (allowed && allowed->has(key)) {
            bool ok = false;
            auto a = allowed->getArray(key);
            for (std::size_t i = 0; a && i < a->size(); ++i) {
                ok = ok || common::fold_space(fv->text) ==
                               a->getElement<std::string>(static_cast<unsigned>(i));
            }
            if (ok) {
                continue;
            }
        }
        std::optional<Severity> sev;
        if (severities && severities->has(key)) {
            sev = severity_from_string(severities->getValue<std::string>(key));
        }
        e.emit(field_location(c, key),
               {{"field", key}, {"label", field_display_name(key)}, {"value", fv->text}}, sev);
    }
}

const std::vector<std::string> k_date_fields = {"tanggal_pembuatan", "tanggal_revisi",
                                                "tanggal_efektif"};

void check_date(const Rule& r, const SopContext& c, Emitter& e) {
    const auto placeholders = list_param(r, "placeholders", k_default_placeholders);
    const double min_conf = number_param(r, "min_confidence", 0.5);
    for (const auto& key : list_param(r, "fields", k_date_fields)) {
        const auto* fv = field(c.sop, key);
        if (fv == nullptr || is_placeholder(fv->text, placeholders)) {
            continue; // missing / empty / "-" are other rules' business
        }
        if (fv->confidence < min_conf) {
            continue; // can't verify a date OCR read this poorly, whatever it looks like
        }
        const auto parsed = common::parse_date(fv->text);
        if (parsed.status == common::DateStatus::ok) {
            continue;
        }
        // Read by OCR, a date with digits whose month is unreadable ("29 Pavshot 2023") was
        // most likely garbled, not written wrong: can't verify.
        if (parsed.status == common::DateStatus::unreadable &&
            fv->confidence < number_param(r, "sure_only_below_confidence", 1.0) &&
            std::any_of(fv->text.begin(), fv->text.end(), [](char ch) {
                return std::isdigit(static_cast<unsigned char>(ch)) != 0;
            })) {
            continue;
        }
        const char* why = parsed.status == common::DateStatus::partial      ? "partial"
                          : parsed.status == common::DateStatus::impossible ? "impossible"
                                                                            : "unreadable";
        e.emit(field_location(c, key),
               {{"field", key},
                {"label", field_display_name(key)},
                {"value", fv->text},
                {"problem", localized_param(r, "problems", why, e.lang())}});
    }
}

std::optional<common::Date> date_of(const Sop& s, const std::string& key) {
    const auto* fv = field(s, key);
    if (fv == nullptr) {
        return std::nullopt;
    }
    const auto parsed = common::parse_date(fv->text);
    return parsed.date;
}

void check_date_order(const Rule& r, const SopContext& c, Emitter& e) {
    const auto base_key = string_param(r, "base", "tanggal_pembuatan");
    const auto base = date_of(c.sop, base_key);
    if (!base) {
        return;
    }
    for (const auto& key : list_param(r, "later", {"tanggal_revisi", "tanggal_efektif"})) {
        const auto d = date_of(c.sop, key);
        if (d && *d < *base) {
            e.emit(field_location(c, key), {{"field", key},
                                            {"label", field_display_name(key)},
                                            {"value", field(c.sop, key)->text},
                                            {"base_label", field_display_name(base_key)},
                                            {"base_value", field(c.sop, base_key)->text}});
        }
    }
}

void check_pattern(const Rule& r, const SopContext& c, Emitter& e) {
    const auto key = string_param(r, "field", "nomor");
    const auto* fv = field(c.sop, key);
    if (fv == nullptr ||
        is_placeholder(fv->text, list_param(r, "placeholders", k_default_placeholders))) {
        return;
    }
    const auto text = common::fold_space(fv->text);
    const auto pattern = string_param(r, "pattern");
    bool bad = false;
    std::string problem;
    // libstdc++'s std::regex recurses once per character: a field of ~100k characters
    // overflows the stack and takes the whole run down (hostile corpus, long-fields.docx).
    // No register number is that long, so a long value simply does not match.
    constexpr std::size_t k_max_pattern_input = 512;
    if (text.size() > k_max_pattern_input) {
        e.emit(field_location(c, key),
               {{"field", key},
                {"value", text.substr(0, 80) + "..."},
                {"problem", localized_param(r, "problems", "pattern", e.lang())},
                {"pattern", pattern}});
        return;
    }
    if (!pattern.empty() && !std::regex_match(text, compiled_regex(r, pattern))) {
        bad = true;
        problem = localized_param(r, "problems", "pattern", e.lang());
    }
    // A blank where the sequence number belongs: "000.8.3.3/ /SATPOLPP-A", "800//2022".
    const auto gap = string_param(r, "blank_gap_pattern", R"(/\s*/|/\s+\.|\.\s*/\s*$|^\s*/)");
    if (!gap.empty() && std::regex_search(text, compiled_regex(r, gap))) {
        bad = true;
        problem = localized_param(r, "problems", "gap", e.lang());
    }
    if (bad) {
        e.emit(field_location(c, key),
               {{"field", key}, {"value", text}, {"problem", problem}, {"pattern", pattern}});
    }
}

// The parts of a Disahkan Oleh value: jabatan, name, NIP.
struct Approval {
    bool jabatan = false, name = false, nip = false;
};

Approval read_approval(const std::string& text, const Rule& r) {
    Approval a;
    a.nip = common::find_nip(text).has_value();
    const auto jabatan_words = list_param(
        r, "jabatan_words", {"kepala", "sekretaris", "camat", "lurah", "direktur", "bupati"});
    const auto rank_words = list_param(r, "rank_words", {"pembina", "penata", "pengatur", "juru"});
    // Remove the NIP part, then split into comma/line parts.
    auto lower = common::lower_ascii(text);
    std::string rest = text;
    const auto nip_pos = lower.find("nip");
    if (nip_pos != std::string::npos) {
        rest = text.substr(0, nip_pos);
    }
    static const std::regex sep(R"([,\n;])");
    std::vector<std::string> parts;
    for (auto it = std::sregex_token_iterator(rest.begin(), rest.end(), sep, -1);
         it != std::sregex_token_iterator(); ++it) {
        const auto p = common::fold_space(it->str());
        if (!p.empty()) {
            parts.push_back(p);
        }
    }
    auto has_word = [](const std::string& part, const std::vector<std::string>& words) {
        const auto folded = " " + common::fold_label(part) + " ";
        for (const auto& w : words) {
            if (folded.find(" " + common::fold_label(w) + " ") != std::string::npos ||
                folded.find(" " + common::fold_label(w)) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    std::size_t first_name = parts.size();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (has_word(parts[i], jabatan_words)) {
            a.jabatan = true;
            continue;
        }
        if (first_name == parts.size()) {
            first_name = i;
        }
    }
    // A name: a part that is no jabatan and no rank, with letters. Academic titles after a
    // comma ("M.Si.") belong to the name before them.
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (has_word(parts[i], jabatan_words)) {
            continue;
        }
        auto p = parts[i];
        // "Dr. BAMBANG WIBOWO Pembina Tingkat I": cut the rank off.
        for (const auto& w : rank_words) {
            const auto pos = common::lower_ascii(p).find(common::lower_ascii(w));
            if (pos != std::string::npos) {
                p = common::trim(p.substr(0, pos));
            }
        }
        int letters = 0;
        for (const char ch : p) {
            letters += std::isalpha(static_cast<unsigned char>(ch)) != 0 ? 1 : 0;
        }
        if (letters >= 3) {
            a.name = true;
        }
    }
    // Jabatan and name on one line without a comma ("KEPALA DINAS X Dr. BUDI"): an upper-case
    // jabatan followed by a mixed-case or titled name.
    if (a.jabatan && !a.name) {
        for (const auto& p : parts) {
            static const std::regex titled(R"(\b(Dr|Drs|Dra|Ir|H|Hj|Prof)\.\s*[A-Z])");
            static const std::regex mixed(R"([A-Z][a-z]{2,}\s+[A-Z][a-z]{2,})");
            if (has_word(p, jabatan_words) &&
                (std::regex_search(p, titled) || std::regex_search(p, mixed))) {
                a.name = true;
            }
        }
    }
    return a;
}

void check_approval(const Rule& r, const SopContext& c, Emitter& e) {
    const auto key = string_param(r, "field", "disahkan_oleh");
    const auto* fv = field(c.sop, key);
    if (fv == nullptr ||
        is_placeholder(fv->text, list_param(r, "placeholders", k_default_placeholders))) {
        return;
    }
    auto a = read_approval(fv->text, r);
    // Read by OCR, the name and the NIP often lie under the signature and the stamp: only a
    // missing jabatan is sure, and a jabatan word one OCR slip away ("KERALA") is one.
    if (fv->confidence < number_param(r, "sure_only_below_confidence", 1.0)) {
        a.name = a.nip = true;
        if (!a.jabatan) {
            const auto jabatan_words =
                list_param(r, "jabatan_words", {"kepala", "sekretaris", "camat", "lurah"});
            for (const auto& word : common::split(common::fold_label(fv->text), ' ')) {
                for (const auto& j : jabatan_words) {
                    a.jabatan = a.jabatan || common::fuzzy_equal(word, common::fold_label(j));
                }
            }
        }
    }
    std::vector<std::string> missing;
    if (!a.jabatan) {
        missing.push_back(localized_param(r, "parts", "jabatan", e.lang()));
    }
    if (!a.name) {
        missing.push_back(localized_param(r, "parts", "name", e.lang()));
    }
    if (!a.nip) {
        missing.push_back(localized_param(r, "parts", "nip", e.lang()));
    }
    if (missing.empty()) {
        return;
    }
    std::string joined;
    for (const auto& m : missing) {
        joined += (joined.empty() ? "" : ", ") + m;
    }
    e.emit(field_location(c, key), {{"field", key}, {"missing", joined}, {"value", fv->text}});
}

void check_nip(const Rule& r, const SopContext& c, Emitter& e) {
    const auto key = string_param(r, "field", "disahkan_oleh");
    const auto* fv = field(c.sop, key);
    if (fv == nullptr) {
        return;
    }
    const auto digits = common::find_nip(fv->text);
    if (!digits) {
        return; // no NIP at all: identity-approval-incomplete
    }
    const auto check =
        common::check_nip(*digits, static_cast<int>(number_param(r, "pppk_min_year", 2019)));
    const auto report = string_param(r, "report", "invalid");
    // Read by OCR, a digit too many or too few is OCR's slip more often than the writer's.
    if (fv->confidence < number_param(r, "sure_only_below_confidence", 1.0) &&
        check.problem == "length") {
        return;
    }
    if (report == "invalid" && check.kind == common::NipKind::invalid) {
        e.emit(field_location(c, key),
               {{"field", key},
                {"nip", *digits},
                {"problem", localized_param(r, "problems", check.problem, e.lang())}});
    } else if (report == "pppk" && check.kind == common::NipKind::pppk) {
        e.emit(field_location(c, key), {{"field", key}, {"nip", *digits}});
    }
}

// ------------------------------------------------------------------------------ legal basis

std::vector<common::CitationKind> read_citation_kinds(const Rule& r) {
    auto a = r.params->getArray("kinds");
    if (!a) {
        return common::default_citation_kinds();
    }
    std::vector<common::CitationKind> kinds;
    for (std::size_t i = 0; i < a->size(); ++i) {
        auto o = a->getObject(static_cast<unsigned>(i));
        if (!o) {
            continue;
        }
        common::CitationKind k;
        k.key = o->getValue<std::string>("key");
        if (auto sp = o->getArray("spellings")) {
            for (std::size_t j = 0; j < sp->size(); ++j) {
                k.spellings.push_back(
                    common::fold_label(sp->getElement<std::string>(static_cast<unsigned>(j))));
            }
        }
        k.no_number = o->has("no_number") && o->getValue<bool>("no_number");
        kinds.push_back(std::move(k));
    }
    return kinds;
}

// A rule's citation kinds, read from its parameters once per process: reading them for every SOP
// was 4.5% of a DOCX run. Keyed by the parameter object, which the cache holds on to, so a rule
// set loaded later can never reuse the address of one whose kinds are cached.
const std::vector<common::CitationKind>& citation_kinds(const Rule& r) {
    static std::mutex mutex;
    static std::map<const Poco::JSON::Object*,
                    std::pair<Poco::JSON::Object::Ptr, std::vector<common::CitationKind>>>
        cache;
    const std::lock_guard lock(mutex);
    auto it = cache.find(r.params.get());
    if (it == cache.end()) {
        it = cache.emplace(r.params.get(), std::pair{r.params, read_citation_kinds(r)}).first;
    }
    return it->second.second;
}

bool dasar_hukum_judged(const Rule& r, const Sop& s) {
    const auto* fv = field(s, "dasar_hukum");
    return fv != nullptr &&
           !is_placeholder(fv->text, list_param(r, "placeholders", k_default_placeholders));
}

// Whether an item read by OCR surely fails: it names a kind of regulation and has no number
// word (or no year word) at all. A garbled kind ("Ungang-Ungang") or a garbled number or year
// ("tahun ZUL£") could be OCR's doing, so those are not judged.
bool surely_unrecognized(const Rule& r, const std::string& item, const common::Citation& cit) {
    const auto words = " " + common::fold_label(item) + " ";
    auto has_any = [&](const std::vector<std::string>& list) {
        return std::any_of(list.begin(), list.end(), [&](const std::string& w) {
            return words.find(" " + common::fold_label(w) + " ") != std::string::npos;
        });
    };
    if (cit.problem == "number") {
        return !has_any(list_param(r, "number_words", {"nomor", "no", "nomer", "nmr"}));
    }
    if (cit.problem == "year") {
        return !has_any(list_param(r, "year_words", {"tahun", "thn"}));
    }
    return false;
}

void check_citation_format(const Rule& r, const SopContext& c, Emitter& e) {
    if (!dasar_hukum_judged(r, c.sop)) {
        return;
    }
    const auto& kinds = citation_kinds(r);
    const auto* fv = field(c.sop, "dasar_hukum");
    const bool scanned = fv->confidence < number_param(r, "sure_only_below_confidence", 1.0);
    for (const auto& item : c.sop.dasar_hukum_items) {
        const auto cit = common::parse_citation(item, kinds);
        if (!cit.recognized && scanned && !surely_unrecognized(r, item, cit)) {
            continue; // can't verify: OCR noise may have garbled the kind, number or year
        }
        if (!cit.recognized) {
            e.emit(field_location(c, "dasar_hukum"),
                   {{"field", "dasar_hukum"},
                    {"item", item},
                    {"problem", localized_param(r, "problems", cit.problem, e.lang())}});
        }
    }
}

void check_citation_revoked(const Rule& r, const SopContext& c, Emitter& e) {
    if (!dasar_hukum_judged(r, c.sop)) {
        return;
    }
    auto revoked = r.params->getArray("revoked");
    if (!revoked) {
        return;
    }
    const auto& kinds = citation_kinds(r);
    for (const auto& item : c.sop.dasar_hukum_items) {
        const auto cit = common::parse_citation(item, kinds);
        if (!cit.recognized) {
            continue;
        }
        for (std::size_t i = 0; i < revoked->size(); ++i) {
            auto o = revoked->getObject(static_cast<unsigned>(i));
            if (!o || o->getValue<std::string>("kind") != cit.kind ||
                o->getValue<int>("year") != cit.year ||
                common::canonical_number(o->getValue<std::string>("number")) !=
                    common::canonical_number(cit.number)) {
                continue;
            }
            const char* code = e.lang() == Lang::en ? "en" : "id";
            std::string cited = o->has("cited") ? o->getValue<std::string>("cited") : item;
            std::string note;
            if (auto n = o->getObject("note"); n && n->has(code)) {
                note = n->getValue<std::string>(code);
            }
            e.emit(
                field_location(c, "dasar_hukum"),
                {{"field", "dasar_hukum"},
                 {"item", item},
                 {"cited", cited},
                 {"replacement",
                  o->has("replaced_by") ? o->getValue<std::string>("replaced_by") : ""},
                 {"revoked_on", o->has("revoked_on") ? o->getValue<std::string>("revoked_on") : ""},
                 {"note", note}});
            break;
        }
    }
}

// ------------------------------------------------------------------------------ procedure

void check_procedure_missing(const Rule&, const SopContext& c, Emitter& e) {
    if (c.sop.identity_found && !c.sop.procedure.found) {
        Location l = sop_location(c);
        e.emit(l, {{"plain_list", c.sop.procedure.plain_list ? "1" : ""}});
    }
}

void check_table_columns(const Rule& r, const SopContext& c, Emitter& e) {
    if (!c.sop.procedure.found) {
        return;
    }
    // Read by OCR, a header cell that named no column may be the one that seems missing.
    if (c.sop.confidence < number_param(r, "sure_only_below_confidence", 1.0) &&
        c.sop.procedure.unkeyed_columns > 0) {
        return;
    }
    for (const auto& key : list_param(
             r, "required",
             {"no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan"})) {
        if (!has_column(c.sop, key)) {
            Location l = procedure_location(c);
            l.field = key;
            e.emit(l, {{"field", key}, {"column", field_display_name(key)}});
        }
    }
}

// The number of a step as an integer ("3", "3.", "3)"), or -1.
int step_number(const std::string& no) {
    auto t = common::trim(no);
    while (!t.empty() && (t.back() == '.' || t.back() == ')')) {
        t.pop_back();
    }
    if (t.empty() || t.size() > 4 || !std::all_of(t.begin(), t.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) != 0;
        })) {
        return -1;
    }
    return std::stoi(t);
}

void check_step_sequence(const Rule& r, const SopContext& c, Emitter& e) {
    const auto column = string_param(r, "column", "no");
    if (!has_table_steps(c.sop) || !has_column(c.sop, column)) {
        return;
    }
    const auto& steps = c.sop.procedure.steps;
    const double sure_from = number_param(r, "sure_only_below_confidence", 1.0);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& written = step_cell(steps[i], column);
        const int n = step_number(written);
        // Read by OCR, a number that is no number ("£", "to)") or one no step could carry is
        // a misread, not a numbering error: that step can't be verified.
        if (steps[i].confidence < sure_from && (n < 0 || n > static_cast<int>(steps.size()) + 1)) {
            continue;
        }
        if (n != static_cast<int>(i + 1)) {
            e.emit(step_location(c, i, column), {{"row", std::to_string(i + 1)},
                                                 {"no", step_cell(steps[i], column)},
                                                 {"expected", std::to_string(i + 1)}});
            return; // one finding per procedure: the first place the sequence breaks
        }
    }
}

void check_step_cell(const Rule& r, const SopContext& c, Emitter& e) {
    const auto column = string_param(r, "column");
    if (!has_table_steps(c.sop) || !has_column(c.sop, column)) {
        return; // a missing column is procedure-column-missing, not one finding per step
    }
    const auto placeholders = list_param(r, "placeholders", {});
    const double min_conf = number_param(r, "min_confidence", 0.5);
    const auto& steps = c.sop.procedure.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& text = step_cell(steps[i], column);
        bool empty = common::fold_space(text).empty();
        if (!empty && !placeholders.empty()) {
            empty = std::find(placeholders.begin(), placeholders.end(), common::fold_space(text)) !=
                    placeholders.end();
        }
        if (empty && steps[i].confidence >= min_conf) {
            e.emit(step_location(c, i, column), {{"row", std::to_string(i + 1)},
                                                 {"no", steps[i].no},
                                                 {"column", field_display_name(column)}});
        }
    }
}

void check_activity_verb(const Rule& r, const SopContext& c, Emitter& e) {
    if (!has_table_steps(c.sop) || !has_column(c.sop, "kegiatan")) {
        return;
    }
    const auto prefixes = list_param(r, "prefixes", {"me", "ber"});
    const auto verbs = list_param(r, "verbs", {});
    const auto not_verbs = list_param(r, "not_verbs", {});
    const auto min_stem = static_cast<std::size_t>(number_param(r, "min_stem", 3));
    std::set<std::string> verb_set, not_set;
    for (const auto& v : verbs) {
        verb_set.insert(common::lower_ascii(v));
    }
    for (const auto& v : not_verbs) {
        not_set.insert(common::lower_ascii(v));
    }
    auto is_verb = [&](const std::string& word) {
        if (verb_set.count(word) != 0) {
            return true;
        }
        if (not_set.count(word) != 0) {
            return false;
        }
        return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
            const auto lp = common::lower_ascii(p);
            return word.size() >= lp.size() + min_stem && word.compare(0, lp.size(), lp) == 0;
        });
    };
    // Read by OCR, a capital M is often read as one of these ("Venerima", "vempersiapkan").
    const auto m_lookalikes = list_param(r, "ocr_m_lookalikes", {"v", "w", "n", "h", "rn", "iv"});
    const double sure_from = number_param(r, "sure_only_below_confidence", 1.0);
    const auto& steps = c.sop.procedure.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto folded = common::fold_label(steps[i].kegiatan);
        if (folded.empty()) {
            continue;
        }
        auto word = folded.substr(0, folded.find(' '));
        // A sub-item marker ("a. membuat ...") is no part of the activity.
        if (word.size() == 1 && folded.size() > 2 && steps[i].kegiatan.find_first_of(".)") == 1) {
            const auto rest = folded.substr(2);
            word = rest.substr(0, rest.find(' '));
        }
        bool ok = is_verb(word);
        if (!ok && steps[i].confidence < sure_from) {
            for (const auto& look : m_lookalikes) {
                if (word.size() > look.size() && word.compare(0, look.size(), look) == 0 &&
                    is_verb("m" + word.substr(look.size()))) {
                    ok = true; // can't verify: most likely an "M..." misread
                    break;
                }
            }
        }
        if (!ok) {
            e.emit(step_location(c, i, "kegiatan"), {{"row", std::to_string(i + 1)},
                                                     {"no", steps[i].no},
                                                     {"word", word},
                                                     {"kegiatan", steps[i].kegiatan}});
        }
    }
}

// The text with each word that is one OCR slip from a unit replaced by that unit: "han" (for
// "hari": "ri" read as "n"), "rnenit" ("m" read as "rn"), "jarn", "menil".
std::string ocr_repaired_units(const std::string& text, const std::vector<std::string>& units) {
    std::string out;
    for (const auto& word : common::split(text, ' ')) {
        std::string repaired = word;
        std::string letters;
        for (const char ch : word) {
            if (std::isalpha(static_cast<unsigned char>(ch)) != 0) {
                letters += ch;
            }
        }
        for (const auto& unit : units) {
            if (letters.empty() || unit.find(' ') != std::string::npos || letters == unit) {
                continue;
            }
            auto variant = letters;
            for (auto at = variant.find("rn"); at != std::string::npos;
                 at = variant.find("rn", at + 1)) {
                variant.replace(at, 2, "m");
            }
            const bool ri_as_n =
                letters.back() == 'n' && letters.substr(0, letters.size() - 1) + "ri" == unit;
            const bool one_slip = unit.size() >= 4 && common::edit_distance(variant, unit) <= 1;
            if (variant == unit || ri_as_n || one_slip) {
                repaired = unit;
                break;
            }
        }
        out += (out.empty() ? "" : " ") + repaired;
    }
    return out;
}

// Whether text holds a duration. std::regex_search retries from every position and backtracks
// over each run of digits, so on a long cell (thousands of digits, a pasted table) it is
// quadratic and recurses per character. A duration ends with one of the units, so the regex only
// needs the few characters before each place a unit occurs.
bool has_duration(const std::string& text, const std::regex& duration,
                  const std::vector<std::string>& units) {
    constexpr std::size_t kWindow = 64; // "1 (satu) s/d 2 (dua) x 24" and more fit in it
    for (const auto& unit : units) {
        if (unit.empty()) {
            continue;
        }
        for (auto pos = text.find(unit); pos != std::string::npos; pos = text.find(unit, pos + 1)) {
            const auto from = pos > kWindow ? pos - kWindow : 0;
            const auto to = std::min(text.size(), pos + unit.size() + 1);
            if (std::regex_search(text.begin() + static_cast<std::ptrdiff_t>(from),
                                  text.begin() + static_cast<std::ptrdiff_t>(to), duration)) {
                return true;
            }
        }
    }
    return false;
}

void check_time_unit(const Rule& r, const SopContext& c, Emitter& e) {
    const auto column = string_param(r, "column", "waktu");
    if (!has_table_steps(c.sop) || !has_column(c.sop, column)) {
        return;
    }
    const auto units = list_param(r, "units", {"detik", "menit", "jam", "hari", "minggu", "bulan"});
    const auto numbers = list_param(r, "number_words", {"satu", "dua", "tiga"});
    std::string unit_alt, number_alt;
    for (const auto& u : units) {
        unit_alt += (unit_alt.empty() ? "" : "|") + u;
    }
    for (const auto& n : numbers) {
        number_alt += "|" + n;
    }
    // A number (digits, a range, "1 x 24", or a number word), perhaps spelled out after it in
    // brackets ("1 (satu) hari"), followed by a unit.
    const std::regex& duration = compiled_regex(
        r,
        "(^|[^a-z])([0-9]+([.,][0-9]+)?(\\s*(-|s/d|sampai|–)\\s*[0-9]+)?(\\s*x\\s*[0-9]+)?" +
            number_alt + ")(\\s*\\([a-z ]+\\))?\\s*(" + unit_alt + ")([^a-z]|$)",
        std::regex::ECMAScript | std::regex::icase);
    const double sure_from = number_param(r, "sure_only_below_confidence", 1.0);
    const auto& steps = c.sop.procedure.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto text = common::lower_ascii(common::fold_space(step_cell(steps[i], column)));
        if (text.empty()) {
            continue; // procedure-time-missing
        }
        if (has_duration(text, duration, units)) {
            continue;
        }
        // Read by OCR, a unit misread by one letter ("2 han", "15 rnenit") can't be verified.
        if (steps[i].confidence < sure_from &&
            has_duration(ocr_repaired_units(text, units), duration, units)) {
            continue;
        }
        {
            e.emit(step_location(c, i, column), {{"row", std::to_string(i + 1)},
                                                 {"no", steps[i].no},
                                                 {"value", step_cell(steps[i], column)}});
        }
    }
}

void check_actor_count(const Rule& r, const SopContext& c, Emitter& e) {
    if (!has_table_steps(c.sop) || !has_column(c.sop, "pelaksana") ||
        c.sop.procedure.actors.empty()) {
        return;
    }
    const auto mode = string_param(r, "mode", "missing");
    const double min_conf = number_param(r, "min_confidence", 0.5);
    const auto& steps = c.sop.procedure.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto n = steps[i].actors.size();
        if (mode == "missing" && n == 0 && steps[i].confidence >= min_conf) {
            e.emit(step_location(c, i, "pelaksana"),
                   {{"row", std::to_string(i + 1)}, {"no", steps[i].no}});
        } else if (mode == "multiple" && n > 1) {
            std::string names;
            for (const auto& a : steps[i].actors) {
                names += (names.empty() ? "" : ", ") + a;
            }
            e.emit(step_location(c, i, "pelaksana"),
                   {{"row", std::to_string(i + 1)}, {"no", steps[i].no}, {"actors", names}});
        }
    }
}

void check_actor_unused(const Rule&, const SopContext& c, Emitter& e) {
    if (!has_table_steps(c.sop)) {
        return;
    }
    const auto& actors = c.sop.procedure.actors;
    std::vector<bool> used(actors.size(), false);
    for (const auto& s : c.sop.procedure.steps) {
        for (const int idx : s.actor_indices) {
            if (idx >= 0 && static_cast<std::size_t>(idx) < used.size()) {
                used[static_cast<std::size_t>(idx)] = true;
            }
        }
    }
    for (std::size_t i = 0; i < actors.size(); ++i) {
        if (!used[i]) {
            Location l = procedure_location(c);
            l.field = "pelaksana";
            e.emit(l, {{"actor", actors[i]}});
        }
    }
}

// ------------------------------------------------------------------------------ flowchart

void check_flowchart_absent(const Rule&, const SopContext& c, Emitter& e) {
    const auto& proc = c.sop.procedure;
    bool shapes = false;
    for (const auto& s : proc.steps) {
        shapes = shapes || is_shape_symbol(s.symbol);
    }
    if (proc.found ? (!proc.steps.empty() && !shapes) : c.sop.identity_found) {
        e.emit(procedure_location(c), {});
    }
}

void check_flowchart_terminator(const Rule& r, const SopContext& c, Emitter& e) {
    const auto& steps = c.sop.procedure.steps;
    if (!has_table_steps(c.sop)) {
        return;
    }
    bool shapes = false;
    for (const auto& s : steps) {
        shapes = shapes || is_shape_symbol(s.symbol);
    }
    if (!shapes) {
        return; // no flowchart: flowchart-absent
    }
    const auto expected = sop::symbol_from_string(string_param(r, "symbol", "terminator"));
    auto judge = [&](std::size_t i, const char* end) {
        const auto sym = steps[i].symbol;
        if (is_shape_symbol(sym) && sym != expected) {
            e.emit(step_location(c, i), {{"row", std::to_string(i + 1)},
                                         {"no", steps[i].no},
                                         {"end", localized_param(r, "ends", end, e.lang())},
                                         {"symbol", sop::to_string(sym)}});
        }
    };
    judge(0, "first");
    if (steps.size() > 1) {
        judge(steps.size() - 1, "last");
    }
}

void check_symbol_nonstandard(const Rule&, const SopContext& c, Emitter& e) {
    const auto& steps = c.sop.procedure.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].symbol == Symbol::other) {
            e.emit(
                step_location(c, i, "pelaksana"),
                {{"row", std::to_string(i + 1)},
                 {"no", steps[i].no},
                 {"geometry",
                  steps[i].symbol_geometries.empty() ? "?" : steps[i].symbol_geometries.front()}});
        }
    }
}

// ------------------------------------------------------------------------------ file level

void check_not_sop(const Rule&, const FileContext& c, Emitter& e) {
    if (!c.read.failed && c.recognition.sops.empty()) {
        e.emit(Location{}, {});
    }
}

} // namespace

void Emitter::emit(Location where, const std::map<std::string, std::string>& values,
                   std::optional<Severity> severity) {
    Finding f;
    f.rule = m_rule.id;
    f.severity = severity.value_or(m_rule.severity);
    auto vals = values;
    if (where.row && vals.count("row") == 0) {
        vals["row"] = std::to_string(*where.row);
    }
    if (where.field && vals.count("label") == 0) {
        vals["label"] = field_display_name(*where.field);
    }
    f.message = format_message(m_rule, m_lang, vals);
    f.location = std::move(where);
    m_out.push_back(std::move(f));
}

const std::map<std::string, SopCheck>& sop_checks() {
    static const std::map<std::string, SopCheck> checks = {
        {"identity-missing", check_identity_missing},
        {"required-field", check_required_field},
        {"field-empty", check_field_empty},
        {"date", check_date},
        {"date-order", check_date_order},
        {"pattern", check_pattern},
        {"approval", check_approval},
        {"nip", check_nip},
        {"citation-format", check_citation_format},
        {"citation-revoked", check_citation_revoked},
        {"procedure-missing", check_procedure_missing},
        {"table-columns", check_table_columns},
        {"step-sequence", check_step_sequence},
        {"step-cell", check_step_cell},
        {"activity-verb", check_activity_verb},
        {"time-unit", check_time_unit},
        {"actor-count", check_actor_count},
        {"actor-unused", check_actor_unused},
        {"flowchart-absent", check_flowchart_absent},
        {"flowchart-terminator", check_flowchart_terminator},
        {"symbol-nonstandard", check_symbol_nonstandard},
    };
    return checks;
}

const std::map<std::string, FileCheck>& file_checks() {
    static const std::map<std::string, FileCheck> checks = {{"not-sop", check_not_sop}};
    return checks;
}

bool is_known_kind(const std::string& kind) {
    return kind == "ingest" || kind == "duplicate" || sop_checks().count(kind) != 0 ||
           file_checks().count(kind) != 0;
}

std::string field_display_name(const std::string& key) {
    static const std::map<std::string, std::string> names = {
        {"instansi", "Instansi"},
        {"nomor", "Nomor SOP"},
        {"tanggal_pembuatan", "Tanggal Pembuatan"},
        {"tanggal_revisi", "Tanggal Revisi"},
        {"tanggal_efektif", "Tanggal Efektif"},
        {"disahkan_oleh", "Disahkan Oleh"},
        {"nama", "Nama SOP"},
        {"dasar_hukum", "Dasar Hukum"},
        {"kualifikasi_pelaksana", "Kualifikasi Pelaksana"},
        {"keterkaitan", "Keterkaitan"},
        {"peralatan_perlengkapan", "Peralatan/Perlengkapan"},
        {"peringatan", "Peringatan"},
        {"pencatatan_pendataan", "Pencatatan dan Pendataan"},
        {"no", "No"},
        {"kegiatan", "Kegiatan"},
        {"pelaksana", "Pelaksana"},
        {"kelengkapan", "Kelengkapan"},
        {"waktu", "Waktu"},
        {"output", "Output"},
        {"keterangan", "Keterangan"},
    };
    const auto it = names.find(key);
    return it == names.end() ? key : it->second;
}

} // namespace sopaudit::audit

// Terms and Okapi BM25. The pipeline of `terms`: lowercase word tokens (a hyphen or slash splits a
// word, an apostrophe ends it: "multi-tenant" -> multi tenant, "lawyer's" -> lawyer), domain phrases
// folded first on stemmed tokens ("third party" -> vendor, "kind of file" -> format), then stop words
// dropped, each remaining word stemmed (Porter's five steps) and single-word synonyms folded.
#include "rehearse/core/sessions/text_ranking.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>

namespace rehearse::ranking {

namespace {

// ---------------------------------------------------------------------------------------------
// The stemmer: Porter's suffix stripping (1980), steps 1a to 5b, with the "bli" -> "ble" and
// "logi" -> "log" refinements. Written from the algorithm's description.

class porter_word {
   public:
    explicit porter_word(std::string w) : w_(std::move(w)) {}

    std::string take() && { return std::move(w_); }

    void run() {
        if (w_.size() <= 2) return;
        step1a();
        step1b();
        step1c();
        step2();
        step3();
        step4();
        step5();
    }

   private:
    std::string w_;

    // A consonant is a letter other than a e i o u, and other than a "y" after a consonant.
    bool consonant(std::size_t i) const {
        switch (w_[i]) {
            case 'a':
            case 'e':
            case 'i':
            case 'o':
            case 'u':
                return false;
            case 'y':
                return i == 0 || !consonant(i - 1);
            default:
                return true;
        }
    }

    // m: the number of vowel-consonant sequences in the first `len` letters ([C](VC)^m[V]).
    int measure(std::size_t len) const {
        int m = 0;
        std::size_t i = 0;
        while (i < len && consonant(i)) ++i;
        while (i < len) {
            while (i < len && !consonant(i)) ++i;
            if (i >= len) break;
            while (i < len && consonant(i)) ++i;
            ++m;
        }
        return m;
    }

    bool has_vowel(std::size_t len) const {
        for (std::size_t i = 0; i < len; ++i)
            if (!consonant(i)) return true;
        return false;
    }

    bool double_consonant(std::size_t len) const {
        return len >= 2 && w_[len - 1] == w_[len - 2] && consonant(len - 1);
    }

    // consonant-vowel-consonant at the end of the first `len` letters, the last not w, x or y.
    bool cvc(std::size_t len) const {
        if (len < 3 || !consonant(len - 1) || consonant(len - 2) || !consonant(len - 3)) return false;
        const char c = w_[len - 1];
        return c != 'w' && c != 'x' && c != 'y';
    }

    bool ends(std::string_view suffix) const {
        return w_.size() >= suffix.size() && std::string_view(w_).substr(w_.size() - suffix.size()) == suffix;
    }

    std::size_t stem_len(std::string_view suffix) const { return w_.size() - suffix.size(); }

    void replace_end(std::string_view suffix, std::string_view with) {
        w_.resize(w_.size() - suffix.size());
        w_.append(with);
    }

    // Replaces the first matching suffix of the list when the stem before it has m > min_m.
    struct rule {
        std::string_view from, to;
    };
    template <std::size_t N>
    bool apply_first(const std::array<rule, N>& rules, int min_m) {
        for (const auto& r : rules) {
            if (!ends(r.from)) continue;
            if (measure(stem_len(r.from)) > min_m) replace_end(r.from, r.to);
            return true;
        }
        return false;
    }

    void step1a() {
        if (ends("sses"))
            replace_end("sses", "ss");
        else if (ends("ies"))
            replace_end("ies", "i");
        else if (ends("ss"))
            return;
        else if (ends("s"))
            replace_end("s", "");
    }

    void step1b() {
        if (ends("eed")) {
            if (measure(stem_len("eed")) > 0) replace_end("eed", "ee");
            return;
        }
        std::string_view removed;
        for (std::string_view s : {"ed", "ing"})
            if (ends(s) && has_vowel(stem_len(s))) {
                replace_end(s, "");
                removed = s;
                break;
            }
        if (removed.empty()) return;
        if (ends("at") || ends("bl") || ends("iz")) {
            w_.push_back('e');
        } else if (double_consonant(w_.size())) {
            const char c = w_.back();
            if (c != 'l' && c != 's' && c != 'z') w_.pop_back();
        } else if (measure(w_.size()) == 1 && cvc(w_.size())) {
            w_.push_back('e');
        }
    }

    void step1c() {
        if (ends("y") && has_vowel(w_.size() - 1)) w_.back() = 'i';
    }

    void step2() {
        static constexpr std::array<rule, 21> rules{
            {{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
             {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"}, {"eli", "e"},     {"ousli", "ous"},
             {"ization", "ize"}, {"ation", "ate"},   {"ator", "ate"},  {"alism", "al"},  {"iveness", "ive"},
             {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},  {"iviti", "ive"}, {"biliti", "ble"},
             {"logi", "log"}}};
        // Longest suffix first where two share an ending ("ational" before "tional").
        apply_first(rules, 0);
    }

    void step3() {
        static constexpr std::array<rule, 7> rules{{{"icate", "ic"},
                                                    {"ative", ""},
                                                    {"alize", "al"},
                                                    {"iciti", "ic"},
                                                    {"ical", "ic"},
                                                    {"ful", ""},
                                                    {"ness", ""}}};
        apply_first(rules, 0);
    }

    void step4() {
        static constexpr std::array<std::string_view, 19> suffixes{"al",  "ance",  "ence", "er",  "ic",  "able", "ible",
                                                                   "ant", "ement", "ment", "ent", "ion", "ou",   "ism",
                                                                   "ate", "iti",   "ous",  "ive", "ize"};
        for (auto s : suffixes) {
            if (!ends(s)) continue;
            const std::size_t len = stem_len(s);
            if (measure(len) <= 1) return;
            if (s == "ion" && !(len > 0 && (w_[len - 1] == 's' || w_[len - 1] == 't'))) return;
            replace_end(s, "");
            return;
        }
    }

    void step5() {
        if (ends("e")) {
            const std::size_t len = w_.size() - 1;
            const int m = measure(len);
            if (m > 1 || (m == 1 && !cvc(len))) w_.pop_back();
        }
        if (ends("ll") && measure(w_.size()) > 1) w_.pop_back();
    }
};

// "ement" must be tried before "ment" and "ent": the list above is in Porter's order, in which the
// longer of two overlapping suffixes comes first.

std::string porter_stem(std::string word) {
    porter_word w(std::move(word));
    w.run();
    return std::move(w).take();
}

// ---------------------------------------------------------------------------------------------
// Stop words: function words, and the fillers of a spoken question ("I guess", "basically") that
// say nothing about what is asked. Sorted, so a binary search finds them.

constexpr std::array<std::string_view, 191> stop_word_list{
    "a",        "about",    "actually",  "again",   "against", "all",       "also",      "am",     "an",
    "and",      "any",      "anything",  "are",     "aren",    "around",    "as",        "ask",    "assume",
    "assuming", "at",       "basically", "be",      "because", "been",      "being",     "bit",    "both",
    "but",      "by",       "can",       "could",   "couldn",  "d",         "did",       "didn",   "do",
    "does",     "doesn",    "doing",     "don",     "each",    "either",    "else",      "etc",    "even",
    "ever",     "exactly",  "for",       "from",    "further", "generally", "get",       "gets",   "getting",
    "go",       "going",    "got",       "guess",   "had",     "has",       "hasn",      "have",   "haven",
    "having",   "he",       "her",       "here",    "hers",    "hey",       "him",       "his",    "how",
    "i",        "if",       "in",        "into",    "is",      "isn",       "it",        "its",    "itself",
    "just",     "kind",     "know",      "let",     "like",    "ll",        "m",         "make",   "many",
    "may",      "maybe",    "me",        "might",   "mostly",  "much",      "must",      "my",     "need",
    "needs",    "no",       "nor",       "not",     "now",     "of",        "ok",        "okay",   "on",
    "one",      "only",     "or",        "other",   "our",     "ours",      "ourselves", "please", "pretty",
    "probably", "quick",    "quite",     "re",      "really",  "right",     "roughly",   "s",      "say",
    "shall",    "she",      "should",    "shouldn", "so",      "some",      "something", "sort",   "such",
    "supposed", "sure",     "t",         "talk",    "talking", "tell",      "than",      "that",   "the",
    "their",    "them",     "then",      "there",   "these",   "they",      "thing",     "things", "think",
    "this",     "those",    "through",   "to",      "too",     "typically", "us",        "use",    "used",
    "using",    "ve",       "very",      "want",    "was",     "wasn",      "we",        "well",   "were",
    "what",     "whatever", "when",      "where",   "whether", "which",     "while",     "who",    "whom",
    "why",      "will",     "with",      "won",     "would",   "wouldn",    "yeah",      "you",    "your",
    "yours",    "yourself",
};

template <typename T, std::size_t N, typename Key>
constexpr bool sorted_by(const std::array<T, N>& a, Key key) {
    for (std::size_t i = 1; i < N; ++i)
        if (!(key(a[i - 1]) < key(a[i]))) return false;
    return true;
}
static_assert(sorted_by(stop_word_list, [](std::string_view w) { return w; }), "stop words: sorted, unique, all set");

bool stop_word(std::string_view w) { return std::binary_search(stop_word_list.begin(), stop_word_list.end(), w); }

// ---------------------------------------------------------------------------------------------
// The domain synonym table: a word or short phrase as a candidate may say it, and the term its group
// is indexed under. Sorted by the variant. Variants are matched after stemming, so one inflection
// stands for all ("file type" finds "file types"); a phrase is matched before stop words are dropped
// ("kind of file"). Antonyms of one topic share its term on purpose: a question about "immediately"
// and one about "in the background" ask the same thing (sync or async).

struct synonym {
    std::string_view variant;
    std::string_view term;
};

constexpr std::array<synonym, 672> synonym_table{{
    {"1080p", "quality"},
    {"3rd party", "vendor"},
    {"4k", "quality"},
    {"5 stars", "rating"},
    {"720p", "quality"},
    {"abroad", "region"},
    {"abuse", "abuse"},
    {"access control", "security"},
    {"account", "account"},
    {"accuracy", "exact"},
    {"accurate", "exact"},
    {"active users", "user"},
    {"address book", "contact"},
    {"afford", "cost"},
    {"after", "after"},
    {"afterward", "after"},
    {"afterwards", "after"},
    {"airplane mode", "offline"},
    {"alias", "alias"},
    {"analytics", "analytics"},
    {"android", "device"},
    {"annually", "year"},
    {"anonymous", "account"},
    {"anonymously", "account"},
    {"anyone with the link", "security"},
    {"archive", "retention"},
    {"as it happens", "live"},
    {"as they happen", "live"},
    {"async", "async"},
    {"asynchronous", "async"},
    {"asynchronously", "async"},
    {"at least once", "duplicate"},
    {"at once", "concurrency"},
    {"at the same time", "concurrency"},
    {"attachment", "media"},
    {"attacker", "security"},
    {"audit", "audit"},
    {"audit log", "audit"},
    {"audit trail", "audit"},
    {"auditor", "audit"},
    {"auditors", "audit"},
    {"auth", "account"},
    {"authenticate", "account"},
    {"authentication", "account"},
    {"auto refresh", "live"},
    {"auto update", "live"},
    {"automatically", "live"},
    {"availability", "availability"},
    {"available", "availability"},
    {"background", "async"},
    {"bail out", "cancel"},
    {"batch", "async"},
    {"being offline", "outage"},
    {"biggest", "size"},
    {"bilingual", "language"},
    {"block until", "async"},
    {"blocks until", "async"},
    {"bot", "abuse"},
    {"bots", "abuse"},
    {"broadcast", "live"},
    {"broadcasts", "live"},
    {"browser", "device"},
    {"budget", "cost"},
    {"build it ourselves", "inhouse"},
    {"build ourselves", "inhouse"},
    {"burst", "traffic"},
    {"bursty", "traffic"},
    {"busy", "traffic"},
    {"by itself", "live"},
    {"bytes", "size"},
    {"call off", "cancel"},
    {"cap", "limit"},
    {"capability", "feature"},
    {"celebrities", "celebrity"},
    {"celebrity", "celebrity"},
    {"change history", "audit"},
    {"change log", "audit"},
    {"changelog", "audit"},
    {"charge", "price"},
    {"charged", "price"},
    {"charges", "price"},
    {"cheap", "cost"},
    {"cheaper", "cost"},
    {"cheat", "abuse"},
    {"cheater", "abuse"},
    {"cheating", "abuse"},
    {"claude", "ai"},
    {"click count", "analytics"},
    {"click counts", "analytics"},
    {"click tracking", "analytics"},
    {"clinical", "medical"},
    {"clip", "video"},
    {"commercial api", "vendor"},
    {"company", "tenant"},
    {"compare", "ratio"},
    {"compared to", "ratio"},
    {"compared with", "ratio"},
    {"compliance", "compliance"},
    {"compliant", "compliance"},
    {"concurrent", "concurrency"},
    {"concurrently", "concurrency"},
    {"confidential", "security"},
    {"consistency", "consistency"},
    {"consistent", "consistency"},
    {"continent", "region"},
    {"cost", "cost"},
    {"costs", "cost"},
    {"country", "region"},
    {"crash", "outage"},
    {"crashed", "outage"},
    {"crashes", "outage"},
    {"custom code", "alias"},
    {"custom link", "alias"},
    {"custom name", "alias"},
    {"custom url", "alias"},
    {"customer org", "tenant"},
    {"customer organisation", "tenant"},
    {"customer organization", "tenant"},
    {"daily", "day"},
    {"daily active users", "traffic"},
    {"data center", "region"},
    {"data centre", "region"},
    {"datacenter", "region"},
    {"dau", "traffic"},
    {"day", "day"},
    {"dead", "outage"},
    {"deadline", "deadline"},
    {"dedup", "duplicate"},
    {"dedupe", "duplicate"},
    {"deduplicate", "duplicate"},
    {"deduplication", "duplicate"},
    {"delay", "latency"},
    {"desktop", "device"},
    {"developer", "team"},
    {"developers", "team"},
    {"device", "device"},
    {"diagnoses", "medical"},
    {"diagnosis", "medical"},
    {"die", "outage"},
    {"die off", "retention"},
    {"died", "outage"},
    {"dies", "outage"},
    {"dies off", "retention"},
    {"disappear", "retention"},
    {"disconnected", "offline"},
    {"do not disturb", "optout"},
    {"doc", "document"},
    {"dodgy", "abuse"},
    {"dollars", "cost"},
    {"double", "duplicate"},
    {"double tap", "like"},
    {"double-tap", "like"},
    {"double-taps", "like"},
    {"down", "outage"},
    {"download", "read"},
    {"downtime", "outage"},
    {"drag down", "latency"},
    {"driver rating", "rating"},
    {"driver ratings", "rating"},
    {"drm", "drm"},
    {"due date", "deadline"},
    {"duplicate", "duplicate"},
    {"duplicates", "duplicate"},
    {"e2e", "security"},
    {"e2ee", "security"},
    {"each other", "tenant"},
    {"edit history", "audit"},
    {"employ", "team"},
    {"employed", "team"},
    {"employs", "team"},
    {"encrypt", "security"},
    {"encrypted", "security"},
    {"encryption", "security"},
    {"end to end encryption", "security"},
    {"engineering team", "team"},
    {"english", "language"},
    {"error budget", "availability"},
    {"eventual", "consistency"},
    {"eventually consistent", "consistency"},
    {"everybody else", "tenant"},
    {"everyone else", "tenant"},
    {"exact", "exact"},
    {"exact same", "duplicate"},
    {"exactly once", "duplicate"},
    {"exceed", "limit"},
    {"expensive", "cost"},
    {"expiration", "retention"},
    {"expire", "retention"},
    {"expiry", "retention"},
    {"extension", "format"},
    {"external", "vendor"},
    {"fail", "outage"},
    {"failure", "outage"},
    {"fair share", "tenant"},
    {"fairness", "tenant"},
    {"fake", "abuse"},
    {"fall over", "outage"},
    {"falls over", "outage"},
    {"famous", "celebrity"},
    {"fast", "latency"},
    {"faster", "latency"},
    {"fault tolerance", "outage"},
    {"fault tolerant", "outage"},
    {"feature", "feature"},
    {"fee", "price"},
    {"fees", "price"},
    {"fetch", "read"},
    {"file extension", "format"},
    {"file format", "format"},
    {"file kind", "format"},
    {"file size", "size"},
    {"file type", "format"},
    {"filetype", "format"},
    {"film", "video"},
    {"find each other", "contact"},
    {"fire and forget", "async"},
    {"first version", "feature"},
    {"five nines", "availability"},
    {"five stars", "rating"},
    {"flat rate", "price"},
    {"flight mode", "offline"},
    {"for good", "retention"},
    {"forever", "retention"},
    {"forge", "signature"},
    {"forged", "signature"},
    {"forgery", "signature"},
    {"format", "format"},
    {"fraud", "abuse"},
    {"free plan", "price"},
    {"free tier", "price"},
    {"free trial", "price"},
    {"french", "language"},
    {"fresh", "fresh"},
    {"freshness", "fresh"},
    {"functional", "feature"},
    {"functionality", "feature"},
    {"gb", "size"},
    {"gdpr", "compliance"},
    {"geo", "region"},
    {"geographic", "region"},
    {"geographically", "region"},
    {"geography", "region"},
    {"german", "language"},
    {"get paid", "cost"},
    {"gets paid", "cost"},
    {"getting paid", "cost"},
    {"gif", "media"},
    {"gigabyte", "size"},
    {"gigabytes", "size"},
    {"global", "region"},
    {"globally", "region"},
    {"globe", "region"},
    {"go away", "outage"},
    {"go down", "outage"},
    {"go offline", "outage"},
    {"goes away", "outage"},
    {"goes down", "outage"},
    {"goes offline", "outage"},
    {"gpt", "ai"},
    {"hacker", "security"},
    {"hang on to", "retention"},
    {"hang onto", "retention"},
    {"hate speech", "moderation"},
    {"hateful", "moderation"},
    {"hd", "quality"},
    {"headcount", "team"},
    {"health", "medical"},
    {"heic", "media"},
    {"high availability", "availability"},
    {"highly available", "availability"},
    {"hipaa", "compliance"},
    {"hire", "team"},
    {"hiring", "team"},
    {"history", "audit"},
    {"hmac", "signature"},
    {"hold on to", "retention"},
    {"hold onto", "retention"},
    {"home grown", "inhouse"},
    {"homegrown", "inhouse"},
    {"hosted api", "vendor"},
    {"hourly", "hour"},
    {"how big", "size"},
    {"how busy", "traffic"},
    {"how fast", "latency"},
    {"how heavy", "size"},
    {"how large", "size"},
    {"how long until", "latency"},
    {"how many", "howmany"},
    {"how many clicks", "analytics"},
    {"how much", "howmany"},
    {"how quick", "latency"},
    {"how quickly", "latency"},
    {"how soon", "latency"},
    {"i18n", "language"},
    {"idempotency", "duplicate"},
    {"idempotent", "duplicate"},
    {"identical", "duplicate"},
    {"image", "media"},
    {"images", "media"},
    {"immediate", "async"},
    {"immediately", "async"},
    {"in house", "inhouse"},
    {"in order", "order"},
    {"in scope", "feature"},
    {"in the background", "async"},
    {"inappropriate", "moderation"},
    {"influencer", "celebrity"},
    {"injuries", "medical"},
    {"injury", "medical"},
    {"instant", "async"},
    {"instantly", "async"},
    {"international", "region"},
    {"ios", "device"},
    {"ipad", "device"},
    {"iphone", "device"},
    {"isolate", "tenant"},
    {"isolated", "tenant"},
    {"isolation", "tenant"},
    {"jpeg", "media"},
    {"jpg", "media"},
    {"just once", "duplicate"},
    {"kb", "size"},
    {"keep", "retention"},
    {"keep around", "retention"},
    {"kind of file", "format"},
    {"kinds of file", "format"},
    {"kpi", "analytics"},
    {"kpis", "analytics"},
    {"lag", "latency"},
    {"laggy", "latency"},
    {"language", "language"},
    {"languages", "language"},
    {"laptop", "device"},
    {"large language model", "ai"},
    {"largest", "size"},
    {"latency", "latency"},
    {"latency budget", "latency"},
    {"later", "async"},
    {"launch date", "deadline"},
    {"law", "compliance"},
    {"leak", "security"},
    {"legal", "compliance"},
    {"legally", "compliance"},
    {"live", "live"},
    {"live stream", "live"},
    {"live update", "live"},
    {"livestream", "live"},
    {"llm", "ai"},
    {"load", "traffic"},
    {"load time", "latency"},
    {"log in", "account"},
    {"login", "account"},
    {"low rated", "rating"},
    {"machine learning", "ai"},
    {"malicious", "abuse"},
    {"malware", "abuse"},
    {"mau", "traffic"},
    {"max size", "size"},
    {"mb", "size"},
    {"media", "media"},
    {"medical", "medical"},
    {"megabyte", "size"},
    {"megabytes", "size"},
    {"metrics", "analytics"},
    {"millisecond", "latency"},
    {"milliseconds", "latency"},
    {"ml", "ai"},
    {"mobile", "device"},
    {"moderate", "moderation"},
    {"moderation", "moderation"},
    {"moderator", "moderation"},
    {"money", "cost"},
    {"monthly", "month"},
    {"monthly active users", "traffic"},
    {"more than once", "duplicate"},
    {"movie", "video"},
    {"ms", "latency"},
    {"multi region", "region"},
    {"multi tenant", "tenant"},
    {"multilingual", "language"},
    {"multitenant", "tenant"},
    {"must have", "feature"},
    {"must haves", "feature"},
    {"mute", "optout"},
    {"mvp", "feature"},
    {"national", "region"},
    {"nationwide", "region"},
    {"next step", "after"},
    {"nine", "availability"},
    {"nines", "availability"},
    {"no connection", "offline"},
    {"no network", "offline"},
    {"no show", "cancel"},
    {"no signal", "offline"},
    {"noisy neighbor", "tenant"},
    {"noisy neighbour", "tenant"},
    {"not connected", "offline"},
    {"notification settings", "optout"},
    {"nsfw", "moderation"},
    {"number of", "howmany"},
    {"obligated", "compliance"},
    {"obligation", "compliance"},
    {"obliged", "compliance"},
    {"off by", "exact"},
    {"off the shelf", "vendor"},
    {"offensive", "moderation"},
    {"offline", "offline"},
    {"once", "after"},
    {"only once", "duplicate"},
    {"opaque", "security"},
    {"openai", "ai"},
    {"opening hours", "schedule"},
    {"opt out", "optout"},
    {"order", "order"},
    {"ordered", "order"},
    {"ordering", "order"},
    {"org", "tenant"},
    {"organisation", "tenant"},
    {"organization", "tenant"},
    {"other customers", "tenant"},
    {"other tenants", "tenant"},
    {"out of date", "fresh"},
    {"out of order", "order"},
    {"outage", "outage"},
    {"outdated", "fresh"},
    {"outside", "vendor"},
    {"outsource", "vendor"},
    {"over the limit", "limit"},
    {"overage", "limit"},
    {"overhead budget", "latency"},
    {"overseas", "region"},
    {"p99", "latency"},
    {"page load", "latency"},
    {"paid plan", "price"},
    {"paid plans", "price"},
    {"paid tier", "price"},
    {"paid tiers", "price"},
    {"password", "account"},
    {"pay", "cost"},
    {"peak", "traffic"},
    {"peak traffic", "traffic"},
    {"per seat", "price"},
    {"per second", "traffic"},
    {"percentile", "latency"},
    {"permission", "security"},
    {"permissions", "security"},
    {"personal data", "security"},
    {"personal information", "security"},
    {"phishing", "abuse"},
    {"phone", "device"},
    {"phone is off", "offline"},
    {"phone number", "contact"},
    {"phone numbers", "contact"},
    {"photo", "media"},
    {"photos", "media"},
    {"pic", "media"},
    {"pics", "media"},
    {"picture", "media"},
    {"pictures", "media"},
    {"pii", "security"},
    {"piracy", "drm"},
    {"pirate", "drm"},
    {"pirated", "drm"},
    {"plaintext", "security"},
    {"planet", "region"},
    {"png", "media"},
    {"pop star", "celebrity"},
    {"precise", "exact"},
    {"precision", "exact"},
    {"price", "price"},
    {"priced", "price"},
    {"prices", "price"},
    {"pricing", "price"},
    {"privacy", "security"},
    {"private", "security"},
    {"protect", "security"},
    {"protection", "security"},
    {"provider", "vendor"},
    {"public", "security"},
    {"pull down", "read"},
    {"pulled down", "read"},
    {"pulls down", "read"},
    {"purge", "retention"},
    {"push", "live"},
    {"qps", "traffic"},
    {"qr code", "qrcode"},
    {"qr codes", "qrcode"},
    {"qualities", "quality"},
    {"quality", "quality"},
    {"queue", "async"},
    {"quickly", "latency"},
    {"quiet hours", "optout"},
    {"quota", "limit"},
    {"random people", "security"},
    {"rate drivers", "rating"},
    {"rate each other", "rating"},
    {"rate limit", "limit"},
    {"rate riders", "rating"},
    {"rate the driver", "rating"},
    {"rate their driver", "rating"},
    {"rating system", "rating"},
    {"ratings system", "rating"},
    {"read heavy", "ratio"},
    {"real time", "async"},
    {"realtime", "async"},
    {"redundancy", "availability"},
    {"refresh", "live"},
    {"register", "account"},
    {"registration", "account"},
    {"regulation", "compliance"},
    {"regulator", "compliance"},
    {"regulatory", "compliance"},
    {"reorder", "order"},
    {"requests per second", "traffic"},
    {"required by law", "compliance"},
    {"resolution", "quality"},
    {"resolutions", "quality"},
    {"response time", "latency"},
    {"responsive", "latency"},
    {"retain", "retention"},
    {"retention", "retention"},
    {"retrieve", "read"},
    {"right away", "async"},
    {"ripping", "drm"},
    {"roll our own", "inhouse"},
    {"roster", "schedule"},
    {"rota", "schedule"},
    {"rps", "traffic"},
    {"saas", "vendor"},
    {"same moment", "concurrency"},
    {"same time", "concurrency"},
    {"scale", "traffic"},
    {"scam", "abuse"},
    {"scammer", "abuse"},
    {"schedule", "schedule"},
    {"scope", "feature"},
    {"screen", "device"},
    {"secure", "security"},
    {"security", "security"},
    {"segregate", "tenant"},
    {"segregation", "tenant"},
    {"sensitive", "security"},
    {"separate", "tenant"},
    {"separation", "tenant"},
    {"sequence", "order"},
    {"shift", "schedule"},
    {"shifts", "schedule"},
    {"ship date", "deadline"},
    {"sign in", "account"},
    {"sign off", "approv"},
    {"sign on", "account"},
    {"sign up", "account"},
    {"sign up for", "promise"},
    {"signature", "signature"},
    {"signed", "signature"},
    {"signed up for", "promise"},
    {"signing up for", "promise"},
    {"signoff", "approv"},
    {"signup", "account"},
    {"simultaneous", "concurrency"},
    {"simultaneously", "concurrency"},
    {"single sign on", "account"},
    {"single time", "duplicate"},
    {"sla", "availability"},
    {"slow", "latency"},
    {"slow down", "latency"},
    {"slower", "latency"},
    {"slowly", "latency"},
    {"slows down", "latency"},
    {"slug", "alias"},
    {"sluggish", "latency"},
    {"smartphone", "device"},
    {"snappy", "latency"},
    {"socket", "connect"},
    {"sockets", "connect"},
    {"spam", "abuse"},
    {"spammer", "abuse"},
    {"spanish", "language"},
    {"speed", "latency"},
    {"spend", "cost"},
    {"spending", "cost"},
    {"spike", "traffic"},
    {"spikes", "traffic"},
    {"spoof", "signature"},
    {"spoofed", "signature"},
    {"spot on", "exact"},
    {"sso", "account"},
    {"staff count", "team"},
    {"staffing", "team"},
    {"stale", "fresh"},
    {"star rating", "rating"},
    {"start time", "latency"},
    {"statistics", "analytics"},
    {"stats", "analytics"},
    {"stick around", "retention"},
    {"stop working", "outage"},
    {"stops working", "outage"},
    {"straight away", "async"},
    {"strangers", "security"},
    {"subscription price", "price"},
    {"switched off", "offline"},
    {"symptom", "medical"},
    {"symptoms", "medical"},
    {"sync", "async"},
    {"synchronous", "async"},
    {"synchronously", "async"},
    {"tablet", "device"},
    {"tamper", "signature"},
    {"tampered", "signature"},
    {"tax", "compliance"},
    {"taxes", "compliance"},
    {"tb", "size"},
    {"team", "team"},
    {"teams", "team"},
    {"tenancy", "tenant"},
    {"tenant", "tenant"},
    {"the exact same", "duplicate"},
    {"third party", "vendor"},
    {"three nines", "availability"},
    {"throttle", "limit"},
    {"throughput", "traffic"},
    {"thumbs up", "rating"},
    {"time budget", "latency"},
    {"track change", "audit"},
    {"traffic", "traffic"},
    {"trail", "audit"},
    {"translate", "language"},
    {"translated", "language"},
    {"translation", "language"},
    {"translations", "language"},
    {"treatment", "medical"},
    {"ttl", "retention"},
    {"turned off", "offline"},
    {"tv", "device"},
    {"twice", "duplicate"},
    {"type of file", "format"},
    {"types of file", "format"},
    {"unavailable", "outage"},
    {"unlisted", "security"},
    {"unreachable", "outage"},
    {"unsubscribe", "optout"},
    {"up to date", "fresh"},
    {"uptime", "availability"},
    {"usage", "traffic"},
    {"use case", "feature"},
    {"username", "account"},
    {"usernames", "account"},
    {"v1", "feature"},
    {"vanish", "retention"},
    {"vanity", "alias"},
    {"vendor", "vendor"},
    {"verified", "signature"},
    {"verify", "signature"},
    {"visibility", "security"},
    {"visible", "security"},
    {"volume", "traffic"},
    {"wait", "async"},
    {"waiting", "async"},
    {"wall off", "tenant"},
    {"walled off", "tenant"},
    {"we are offline", "outage"},
    {"we're offline", "outage"},
    {"welsh", "language"},
    {"went offline", "outage"},
    {"who can access", "security"},
    {"who can see", "security"},
    {"who changed", "audit"},
    {"whole world", "region"},
    {"working hours", "schedule"},
    {"world", "region"},
    {"worldwide", "region"},
    {"write heavy", "ratio"},
}};

// Words folded by their exact spelling, before stemming: their stem is another word's ("engineer" and
// "engine" are both "engin").
constexpr std::array<synonym, 8> exact_synonym_table{{
    {"allowance", "limit"},
    {"allowances", "limit"},
    {"engineer", "team"},
    {"engineering", "team"},
    {"engineers", "team"},
    {"market", "region"},
    {"markets", "region"},
    {"taxman", "compliance"},
}};

static_assert(sorted_by(synonym_table, [](const synonym& s) { return s.variant; }),
              "synonyms: sorted by variant, unique, all set");

// The table's variants, tokenised and stemmed once: single words by stem, phrases as stem lists
// (longest first, so "in the background" wins over "background").
struct synonym_index {
    std::map<std::string, std::string, std::less<>> words;
    std::vector<std::pair<std::vector<std::string>, std::string>> phrases;
};

std::vector<std::string> raw_tokens(std::string_view text);

const synonym_index& synonyms() {
    static const synonym_index index = [] {
        synonym_index ix;
        for (const auto& s : synonym_table) {
            std::vector<std::string> stems;
            for (auto& t : raw_tokens(s.variant)) stems.push_back(porter_stem(t));
            if (stems.size() == 1)
                ix.words.emplace(stems[0], std::string(s.term));
            else if (stems.size() > 1)
                ix.phrases.emplace_back(std::move(stems), std::string(s.term));
        }
        std::stable_sort(ix.phrases.begin(), ix.phrases.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        return ix;
    }();
    return index;
}

const std::string_view* exact_synonym(std::string_view word) {
    for (const auto& s : exact_synonym_table)
        if (s.variant == word) return &s.term;
    return nullptr;
}

// Lowercase words: letters and digits; an apostrophe (ASCII or U+2019) ends the word and drops the
// rest ("don't" -> don, "lawyer's" -> lawyer); any other character separates words.
std::vector<std::string> raw_tokens(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    bool skipping = false;  // after an apostrophe, up to the end of the word
    auto flush = [&] {
        if (!cur.empty()) out.push_back(std::move(cur));
        cur.clear();
        skipping = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalnum(c)) {
            if (!skipping) cur.push_back(static_cast<char>(std::tolower(c)));
            continue;
        }
        const bool ascii_apostrophe = c == '\'';
        const bool curly_apostrophe = text.substr(i, 3) == "\xE2\x80\x99";
        if ((ascii_apostrophe || curly_apostrophe) && !cur.empty() && i + 1 < text.size() &&
            std::isalpha(static_cast<unsigned char>(text[i + (curly_apostrophe ? 3 : 1)]))) {
            skipping = true;
            if (curly_apostrophe) i += 2;
            continue;
        }
        flush();
    }
    flush();
    return out;
}

}  // namespace

std::vector<std::string> terms(std::string_view text) {
    const auto raw = raw_tokens(text);
    std::vector<std::string> stems;
    stems.reserve(raw.size());
    for (const auto& t : raw) stems.push_back(porter_stem(t));
    const auto& syn = synonyms();
    std::vector<std::string> out;
    for (std::size_t i = 0; i < raw.size();) {
        bool matched = false;
        for (const auto& [phrase, term] : syn.phrases) {
            if (i + phrase.size() > stems.size()) continue;
            if (!std::equal(phrase.begin(), phrase.end(), stems.begin() + static_cast<std::ptrdiff_t>(i))) continue;
            out.push_back(term);
            i += phrase.size();
            matched = true;
            break;
        }
        if (matched) continue;
        if (!stop_word(raw[i])) {
            if (const auto* exact = exact_synonym(raw[i]))
                out.push_back(std::string(*exact));
            else if (auto it = syn.words.find(stems[i]); it != syn.words.end())
                out.push_back(it->second);
            else
                out.push_back(stems[i]);
        }
        ++i;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Okapi BM25.

std::size_t bm25::add(std::vector<std::string> doc_terms) {
    std::unordered_map<std::string, std::size_t> tf;
    for (auto& t : doc_terms) ++tf[std::move(t)];
    for (const auto& [t, n] : tf) ++df_[t];
    lengths_.push_back(doc_terms.size());
    total_length_ += doc_terms.size();
    docs_.push_back(std::move(tf));
    return docs_.size() - 1;
}

double bm25::idf(const std::string& term) const {
    // ln(1 + (N - n + 0.5) / (n + 0.5)): the "+1" form, positive even for a term in every document.
    const auto it = df_.find(term);
    const double n = it == df_.end() ? 0.0 : static_cast<double>(it->second);
    const double total = static_cast<double>(docs_.size());
    return std::log(1.0 + (total - n + 0.5) / (n + 0.5));
}

bool one_edit_apart(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1 || a == b) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) {
        // One letter changed, or two neighbours swapped.
        if (a.substr(i + 1) == b.substr(i + 1)) return true;
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);  // one letter added to the shorter
}

double bm25::score(const std::vector<std::string>& query_terms, std::size_t doc) const {
    if (doc >= docs_.size()) return 0;
    const auto& tf = docs_[doc];
    const double avg = docs_.empty() || total_length_ == 0
                           ? 1.0
                           : static_cast<double>(total_length_) / static_cast<double>(docs_.size());
    const double norm = k1_ * (1.0 - b_ + b_ * static_cast<double>(lengths_[doc]) / avg);
    double s = 0;
    std::unordered_set<std::string_view> seen;
    for (const auto& t : query_terms) {
        if (!seen.insert(t).second) continue;
        const auto it = tf.find(t);
        if (it == tf.end()) continue;
        const double f = static_cast<double>(it->second);
        s += idf(t) * f * (k1_ + 1.0) / (f + norm);
    }
    return s;
}

std::vector<std::pair<std::size_t, double>> bm25::rank(const std::vector<std::string>& query_terms) const {
    std::vector<std::pair<std::size_t, double>> out;
    for (std::size_t d = 0; d < docs_.size(); ++d)
        if (const double s = score(query_terms, d); s > 0) out.emplace_back(d, s);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

}  // namespace rehearse::ranking

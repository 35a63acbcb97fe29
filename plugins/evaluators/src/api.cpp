// API: versioning, verbs, pagination, error responses, idempotency, and slow work kept out of
// synchronous requests.
#include "common.hpp"

#include <cctype>
#include <set>

namespace rehearse::evaluators {

namespace {

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < path.size()) {
        auto next = path.find('/', pos + 1);
        if (next == std::string::npos) next = path.size();
        std::string s = path.substr(pos + 1, next - pos - 1);
        if (!s.empty()) out.push_back(lower(s));
        pos = next;
    }
    return out;
}

bool is_param(const std::string& s) {
    return !s.empty() && (s.front() == '{' || s.front() == ':' || s.front() == '<' || s.front() == '$');
}

bool versioned_segment(const std::string& s) {
    return s.size() >= 2 && s[0] == 'v' && std::isdigit(static_cast<unsigned char>(s[1]));
}

bool contains_any(const std::string& t, std::initializer_list<std::string_view> words) {
    for (auto w : words)
        if (find_word(t, w) != std::string::npos) return true;
    return false;
}

/// The work is put after the response: a queue, stream, worker or outbox carries it, the answer is
/// a 202 or a job to poll, or the text says the request "returns immediately" and the work happens
/// "afterwards". Read the same way in an endpoint's own description and in prose about a request.
bool api_async_in(const std::string& t) {
    static const std::vector<std::string_view> cues{"asynchronous",
                                                    "asynchronously",
                                                    "async",
                                                    "queue",
                                                    "enqueue",
                                                    "worker",
                                                    "background",
                                                    "202",
                                                    "job id",
                                                    "job_id",
                                                    "status url",
                                                    "status_url",
                                                    "afterwards",
                                                    "after the response",
                                                    "return immediately",
                                                    "respond immediately",
                                                    "answer immediately",
                                                    "acknowledge immediately",
                                                    "kafka",
                                                    "kinesis",
                                                    "sqs",
                                                    "rabbitmq",
                                                    "pub/sub",
                                                    "pubsub",
                                                    "outbox"};
    for (auto cue : cues) {
        const bool plain = cue.find('/') != std::string_view::npos;  // "pub/sub" is one word, not inflected
        if ((plain ? t.find(cue) : find_phrase(t, cue)) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

/// The words that name a slow operation: its keywords plus the usual vendors and verbs for it.
std::vector<std::string> slow_vocabulary(const json& op) {
    std::vector<std::string> out;
    for (const auto& k : op.value("keywords", json::array()))
        if (k.is_string()) out.push_back(lower(k.get<std::string>()));
    const std::string name = lower(op.value("name", ""));
    auto add = [&](std::initializer_list<const char*> words) {
        for (const char* w : words) out.emplace_back(w);
    };
    if (name.find("email") != std::string::npos || name.find("notification") != std::string::npos)
        add({"sendgrid", "mailgun", "ses", "smtp", "smtplib", "email", "emails", "fcm", "apns", "push", "twilio",
             "sms"});
    if (name.find("ai") != std::string::npos || name.find("extraction") != std::string::npos)
        add({"openai", "gpt", "llm", "textract", "tika", "tesseract", "ocr", "extract", "extraction", "model"});
    if (name.find("pdf") != std::string::npos) add({"pdf", "render", "wkhtmltopdf", "puppeteer"});
    if (name.find("scrap") != std::string::npos || name.find("poll") != std::string::npos)
        add({"scrape", "scrapes", "scraping", "crawl", "fetch", "fetches", "selenium", "playwright"});
    if (name.find("fan") != std::string::npos) add({"fan-out", "fan out", "loop", "loops", "for each", "every member"});
    if (name.find("transcod") != std::string::npos) add({"ffmpeg", "transcode", "transcodes", "encode", "encoding"});
    if (name.find("thumbnail") != std::string::npos || name.find("resiz") != std::string::npos)
        add({"thumbnail", "thumbnails", "resize", "resizes", "imagemagick"});
    if (name.find("filing") != std::string::npos) add({"e-file", "submit to the government", "uscis"});
    if (name.find("match") != std::string::npos) add({"match", "matching", "dispatch"});
    if (name.find("payment") != std::string::npos) add({"charge", "stripe", "payment"});
    return out;
}

json sync_slow_operation(const context& c) {
    const json& endpoints = c.answer.value("api", json::object()).value("endpoints", json::array());
    const json& slow = c.flags().value("slow_operations", json::array());
    auto has_phrase = [](const std::string& text, const std::string& k) {
        return find_phrase(text, k) != std::string::npos;
    };
    // An endpoint whose own description does slow work and answers synchronously.
    for (const auto& op : slow) {
        for (const auto& e : endpoints) {
            if (e.value("async", false)) continue;
            const std::string text = lower(e.value("text", ""));
            std::string hit;
            for (const auto& k : op.value("keywords", json::array()))
                if (k.is_string() && hit.empty() && has_phrase(text, lower(k.get<std::string>())))
                    hit = lower(k.get<std::string>());
            if (hit.empty()) continue;
            const auto pos = find_phrase(text, hit);
            if (negated(text, pos, hit.size())) continue;
            // The work has to happen in the request: the verb triggers it and a 200/201 returns the result.
            const std::string method = e.value("method", "");
            // A GET that downloads a result ("GET /petitions/{id}/pdf") is not doing the slow work.
            if (method == "GET") {
                bool doing = false;
                // The endpoint does the work ("renders", "scraping"), not a state ("404 until rendered").
                for (std::string_view v :
                     {"generate", "generates",  "generating", "render",      "renders",  "rendering", "extract",
                      "extracts", "extracting", "scrape",     "scrapes",     "scraping", "crawl",     "crawls",
                      "crawling", "transcode",  "transcodes", "transcoding", "convert",  "converts",  "converting",
                      "poll",     "polls",      "polling",    "fetch",       "fetches",  "fetching"}) {
                    for (auto at = find_word(text, v); at != std::string::npos; at = find_word(text, v, at + 1))
                        if (!negated(text, at, v.size())) doing = true;
                }
                // "(scraped live)", "(generated on the fly)": done while the request waits.
                for (std::string_view v : {"live", "on the fly", "on demand", "on-demand", "in real time", "fresh"})
                    if (find_word(text, v) != std::string::npos) doing = true;
                if (!doing) continue;
            }
            // Async in its own description: a queue or worker, "returns immediately", work that happens
            // "afterwards" or "via Kafka" after the response.
            if (api_async_in(text) || contains_any(text, {"immediately", "poll", "polled"})) continue;
            return finding(
                "sync-slow-operation", "api", "major",
                "The " + op.value("name", std::string("slow operation")) + " runs inside the synchronous request " +
                    method + " " + e.value("path", "") + ".",
                "Return 202 Accepted with a job id and a status URL (GET /jobs/{id}), do the work in a worker, and "
                "notify by polling or webhook.",
                excerpt(e.value("text", ""), 120),
                "Slow work in a request times out, holds a server thread, and cannot be retried without the "
                "client resending everything.");
        }
    }
    // Prose that says the slow work happens synchronously: "runs Tika right away and then responds",
    // "the handler calls SendGrid before responding", "scrapes the site inside GET /status",
    // "sends it to the AI service and returns the fields in the same response".
    for (const auto& op : slow) {
        const auto vocabulary = slow_vocabulary(op);
        for (const auto& s : c.sentences) {
            if (s.kind == "heading" || (s.kind == "code" && s.lang != "" && s.lang != "http")) continue;
            std::string cue;
            for (std::string_view p : {"synchronously",
                                       "synchronous",
                                       "waits for",
                                       "wait for",
                                       "waiting for",
                                       "blocks until",
                                       "same request",
                                       "same response",
                                       "before respond",
                                       "then respond",
                                       "before return",
                                       "then return",
                                       "right away",
                                       "inside the request",
                                       "in the request",
                                       "during the request",
                                       "inside the handler",
                                       "in the handler",
                                       "request handler",
                                       "inline",
                                       "while the user waits",
                                       "inside post",
                                       "inside get",
                                       "inside the upload",
                                       "in the upload request",
                                       "inside the post",
                                       "inside put",
                                       "inside patch",
                                       "blocking",
                                       "and responds",
                                       "before it responds",
                                       "before sending the response",
                                       "in-request",
                                       "in the same call",
                                       "on the request path",
                                       "and returns",
                                       "then returns",
                                       "once the",
                                       "returns when",
                                       "responds when",
                                       "returns after",
                                       "responds after",
                                       "before acknowledg",
                                       "before the response",
                                       "before replying",
                                       "on page load",
                                       "when the user opens",
                                       "every time the user"})
                if (s.text.find(p) != std::string::npos) {
                    cue = std::string(p);
                    break;
                }
            if (cue.empty()) continue;
            // The request-time cues that are not about responding need a request in the sentence.
            if (cue == "on page load" || cue == "when the user opens" || cue == "every time the user" ||
                cue == "once the") {
                if (!contains_any(s.text, {"request", "respond", "responds", "response", "returns", "shows", "page",
                                           "dashboard", "endpoint", "opens", "loads", "backend", "api"}))
                    continue;
                // "once the mail has gone out" holds the response; "once the (friend) request is
                // accepted" is a step of the product, not a request waiting.
                if (cue == "once the" &&
                    !contains_any(s.text, {"respond", "responds", "response", "returns", "return"}))
                    continue;
            }
            // Questions, hypotheticals and trade-off discussions are not the design. A condition inside
            // the flow ("if Bob is offline, the handler calls FCM") is.
            if (!s.text.empty() && s.text.back() == '?') continue;
            if (contains_any(s.text,
                             {"would",      "could",       "might",     "whether",  "should we",   "vs",       "versus",
                              "instead of", "rather than", "trade-off", "tradeoff", "alternative", "if we",    "if you",
                              "if i",       "avoid",       "never",     "don't",    "do not",      "not block"}))
                continue;
            const auto cue_pos = s.text.find(cue);
            if (negated(s.text, cue_pos, cue.size())) continue;
            if (api_async_in(s.text) ||
                contains_any(s.text, {"cron", "scheduler", "scheduled", "nightly", "periodic", "every night",
                                      "every hour", "every minute", "every day"}))
                continue;
            bool kw = false;
            for (const auto& k : vocabulary)
                if (find_phrase(s.text, k) != std::string::npos) kw = true;
            if (!kw) continue;
            return finding(
                "sync-slow-operation", "api", "major",
                "The " + op.value("name", std::string("slow operation")) + " is done synchronously in the request.",
                "Return 202 Accepted with a job id and a status URL, run the work in a worker, and notify by "
                "polling or webhook.",
                excerpt(s.raw, 120),
                "Slow work in a request times out and ties up servers; async jobs can be retried safely.");
        }
    }
    return nullptr;
}

json evaluate_api(const context& c) {
    json findings = json::array();
    json strengths = json::array();
    const json& api = c.answer.value("api", json::object());
    const json& endpoints = api.value("endpoints", json::array());
    if (endpoints.empty()) {
        const double score = c.has_section("api") ? 0.15 : 0.05;
        return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
    }
    const json& flags = c.flags();

    if (json slow = sync_slow_operation(c); !slow.is_null()) findings.push_back(std::move(slow));

    // no-api-versioning
    bool versioned = false;
    for (const auto& e : endpoints)
        for (const auto& s : segments(e.value("path", "")))
            if (versioned_segment(s)) versioned = true;
    if (!versioned && !mention(c, {"api version", "api-version", "versioning", "versioned", "accept-version",
                                   "version header", "/v1"}))
        findings.push_back(finding(
            "no-api-versioning", "api", "minor", "None of the endpoints carries a version.",
            "Prefix paths with /api/v1 (or use a version header) so you can change the contract without breaking "
            "existing clients.",
            endpoints[0].value("method", "") + " " + endpoints[0].value("path", ""),
            "Mobile apps and integrations cannot all upgrade at once; versioning lets old and new clients coexist."));
    else
        strengths.push_back("Your endpoints are versioned (" + endpoints[0].value("path", "") + ")");

    // no-pagination: a GET on a collection with no page/limit/cursor.
    const bool global_pagination =
        mention(c, {"paginate", "paginated", "pagination", "limit/offset", "keyset"}, {"api"}) != nullptr;
    static const std::set<std::string> page_params{
        "page",       "limit",      "cursor", "offset", "per_page",       "page_size",   "size",  "next",
        "next_token", "page_token", "after",  "before", "starting_after", "max_results", "count", "pagesize",
        "pagetoken",  "first",      "last",   "since",  "since_id",       "max_id",      "from"};
    static const std::set<std::string> singletons{
        "me",      "health",    "healthz",  "status",   "stats",   "count",      "config",         "settings",
        "profile", "download",  "metadata", "preview",  "content", "file",       "thumbnail",      "summary",
        "url",     "redirect",  "login",    "logout",   "token",   "upload-url", "presign",        "presigned-url",
        "ws",      "websocket", "stream",   "manifest", "ping",    "version",    "search-suggest", "analytics",
        "result",  "results",   "export",   "raw",      "text"};
    if (!global_pagination) {
        for (const auto& e : endpoints) {
            if (e.value("method", "") != "GET") continue;
            const auto segs = segments(e.value("path", ""));
            if (segs.empty()) continue;
            const std::string& last = segs.back();
            if (is_param(last) || singletons.count(last) || versioned_segment(last) || last == "api") continue;
            // "transcoding-status", "upload_url": the last word of a compound names what is returned.
            if (const auto cut = last.find_last_of("-_");
                cut != std::string::npos && cut + 1 < last.size() && singletons.count(last.substr(cut + 1)))
                continue;
            if (last.find('.') != std::string::npos) continue;
            // A collection is a plural noun ("documents", "comments"); "/{id}/pdf" or "/presence" is one thing.
            const bool plural =
                (last.size() > 2 && last.back() == 's' && last[last.size() - 2] != 's' && last != "status") ||
                last == "feed" || last == "timeline" || last == "history" || last == "inbox" || last == "search" ||
                last == "activity" || last == "list";
            if (!plural) continue;
            const std::string lt = lower(e.value("text", ""));
            if (contains_any(lt, {"event-stream", "sse", "websocket", "stream"})) continue;
            bool paged = false;
            for (const auto& q : e.value("query_params", json::array()))
                if (page_params.count(q.get<std::string>())) paged = true;
            const std::string text = lower(e.value("text", ""));
            if (contains_any(text, {"cursor", "paginated", "pagination", "page", "limit", "offset", "next_cursor"}))
                paged = true;
            if (paged) continue;
            findings.push_back(
                finding("no-pagination", "api", "minor",
                        "The list endpoint GET " + e.value("path", "") + " returns an unbounded list.",
                        "Take limit and cursor query parameters (GET ...?limit=50&cursor=...) and return next_cursor "
                        "with each page.",
                        excerpt(e.value("text", ""), 100),
                        "Lists grow without bound; one big tenant turns an unpaginated call into a multi-megabyte, "
                        "multi-second response."));
            break;
        }
    }

    // wrong-http-verb
    static const std::set<std::string> action_words{
        "create",  "add",    "new",  "delete", "remove", "update", "edit",    "submit", "upload", "cancel",
        "shorten", "insert", "save", "set",    "post",   "send",   "approve", "reject", "modify"};
    for (const auto& e : endpoints) {
        const std::string method = e.value("method", "");
        const auto segs = segments(e.value("path", ""));
        std::string why;
        if (method == "GET") {
            for (const auto& s : segs) {
                std::string w = s;
                if (const auto dash = w.find_first_of("-_"); dash != std::string::npos) w = w.substr(0, dash);
                if (action_words.count(w)) why = "GET " + e.value("path", "") + " changes state, but GET must be safe";
            }
        } else if (method == "POST" && !segs.empty()) {
            const std::string& last = segs.back();
            const std::string text = lower(e.value("text", ""));
            if (last == "update" || last == "edit" || last == "delete" || last == "remove")
                why = "POST " + e.value("path", "") + " updates or deletes a resource by id";
            else if (is_param(last) && contains_any(text, {"update", "updates", "partial", "edit", "modify", "change"}))
                why = "POST " + e.value("path", "") + " updates an existing resource by id";
        } else if (method == "DELETE" && !segs.empty() && (segs.back() == "create" || segs.back() == "add")) {
            why = "DELETE " + e.value("path", "") + " creates";
        }
        if (why.empty()) continue;
        findings.push_back(finding(
            "wrong-http-verb", "api", "minor", "The verb contradicts the operation: " + why + ".",
            "POST a collection to create (201), GET to read, PATCH /resource/{id} for partial updates, PUT to "
            "replace, DELETE to remove.",
            excerpt(e.value("text", ""), 100),
            "Caches, proxies and clients rely on verb semantics: a GET that creates gets retried and prefetched."));
        break;
    }

    // no-error-responses
    bool errors = false;
    for (const auto& e : endpoints)
        for (const auto& s : e.value("statuses", json::array()))
            if (s.get<int>() >= 400) errors = true;
    for (const auto& s : api.value("status_mentions", json::array()))
        if (s.get<int>() >= 400) errors = true;
    if (!errors && mention(c, {"bad request", "not found", "conflict", "unauthorized", "forbidden", "too many requests",
                               "unprocessable", "error response", "error code", "4xx", "problem+json"}))
        errors = true;
    if (!errors)
        findings.push_back(finding(
            "no-error-responses", "api", "minor", "No endpoint says what it returns when something goes wrong.",
            "Name the error statuses per endpoint: 400 invalid input, 401/403 auth, 404 unknown id, 409 conflict, "
            "413 too large, 429 rate limited.",
            std::to_string(endpoints.size()) + " endpoints, no 4xx/5xx status",
            "Clients have to handle failures; the error contract is half the API."));
    else
        strengths.push_back("You specified error responses, not just the happy path");

    // no-idempotency
    if (flags.value("needs_idempotency", false)) {
        bool creates = false;
        for (const auto& e : endpoints)
            if (e.value("method", "") == "POST" || e.value("method", "") == "PUT") creates = true;
        const sentence* key = mention(c,
                                      {"idempotency",
                                       "idempotent",
                                       "idempotency-key",
                                       "idempotency key",
                                       "client-generated id",
                                       "request id",
                                       "client_msg_id",
                                       "client message id",
                                       "idempotency_key",
                                       "client_request_id",
                                       "request_id",
                                       "client-generated",
                                       "client generated",
                                       "exactly-once",
                                       "exactly once",
                                       "on conflict",
                                       "upsert",
                                       "safe to retry",
                                       "retry-safe",
                                       "dedupe key",
                                       "x-request-id",
                                       "client_message_id",
                                       "generated by the client",
                                       "supplied by the client",
                                       "client-supplied",
                                       "client supplied",
                                       "same id again"},
                                      {}, true, true);
        // "Dedup" alone may be storage dedup (content-addressed blocks); it makes retries safe only
        // when it is about requests, messages or retries.
        if (!key)
            for (const auto& s : c.sentences) {
                if (s.kind == "heading" || (s.kind == "code" && is_program(s.lang))) continue;
                for (std::string_view d :
                     {"dedupe", "deduplicate", "deduplicates", "deduplication", "dedup", "dedupes", "deduplicated"}) {
                    const auto at = find_word(s.text, d);
                    if (at == std::string::npos || negated(s.text, at, d.size())) continue;
                    for (std::string_view w : {"retry", "retries", "retried", "request", "requests", "message",
                                               "messages", "submit", "submission", "submissions", "twice", "duplicate",
                                               "client id", "message id", "request id", "key", "payment", "order"}) {
                        const auto wa = find_word(s.text, w);
                        if (wa != std::string::npos && (wa > at ? wa - at : at - wa) <= 40) key = &s;
                    }
                    if (key) break;
                }
                if (key) break;
            }
        if (creates && !key)
            findings.push_back(finding(
                "no-idempotency", "api", "major",
                "Create/submit requests can be retried, but nothing makes a retry safe.",
                "Accept an Idempotency-Key header (or a client-generated id), store it with the result, and return "
                "the stored result on a retry.",
                "no Idempotency-Key or deduplication mentioned",
                "Networks retry; without a key a retried submit or payment happens twice."));
    }
    bool async = false;
    for (const auto& e : endpoints) async = async || e.value("async", false);
    if (async) strengths.push_back("You made the slow operation asynchronous (202 with a job to poll)");
    const double size = endpoints.size() >= 3 ? 1.0 : 0.8;
    double score = size - penalty(findings) * 0.9;
    return {{"score", score}, {"findings", findings}, {"strengths", strengths}};
}

}  // namespace rehearse::evaluators

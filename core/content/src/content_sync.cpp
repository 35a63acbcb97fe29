#include "rehearse/core/content/content_sync.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include "rehearse/core/storage/statement.hpp"

#include <set>

namespace rehearse {

namespace {

struct item {
    std::string full_id;
    std::string kind;
    std::string pack;
    bool retired;
};

std::vector<item> loaded_items(const content_registry& content) {
    std::vector<item> out;
    for (const problem* p : content.problems()) out.push_back({p->full_id(), "problem", p->pack, p->retired});
    for (const lesson* l : content.lessons()) {
        out.push_back({l->full_id(), "lesson", l->pack, l->retired});
        for (const auto& card : l->card_ids) out.push_back({card, "card", l->pack, l->retired});
    }
    return out;
}

}  // namespace

content_sync_report sync_content_items(store& s, const content_registry& content,
                                       const std::map<std::string, std::string>& pack_versions, sys_ms now) {
    content_sync_report report;
    const std::string at = format_iso8601(now);
    const auto items = loaded_items(content);
    s.transaction([&](SQLite::Database& db) {
        std::map<std::string, bool> known;  // full id → retired
        {
            SQLite::Statement q(db, "SELECT full_id, retired FROM content_items");
            while (q.executeStep()) known.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt() != 0);
        }
        SQLite::Statement upsert(
            db,
            "INSERT INTO content_items(full_id, kind, pack, pack_version, first_seen, last_seen, retired) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(full_id) DO UPDATE SET pack_version = excluded.pack_version, "
            "last_seen = excluded.last_seen, retired = excluded.retired");
        std::set<std::string> present;
        for (const auto& i : items) {
            present.insert(i.full_id);
            const auto version = pack_versions.find(i.pack);
            bind_all(upsert, i.full_id, i.kind, i.pack,
                     version == pack_versions.end() ? std::string("unknown") : version->second, at, at,
                     i.retired ? 1 : 0);
            upsert.exec();
            upsert.reset();
            const auto before = known.find(i.full_id);
            if (before == known.end())
                report.added.push_back(i.full_id);
            else if (before->second && !i.retired)
                report.restored.push_back(i.full_id);
            else if (!before->second && i.retired)
                report.retired.push_back(i.full_id);
        }
        // Items of a loaded pack that the pack no longer ships.
        SQLite::Statement retire(db, "UPDATE content_items SET retired = 1 WHERE full_id = ?");
        SQLite::Statement of_pack(db, "SELECT full_id FROM content_items WHERE pack = ? AND retired = 0");
        for (const auto& [pack, _] : pack_versions) {
            of_pack.bind(1, pack);
            std::vector<std::string> gone;
            while (of_pack.executeStep()) {
                auto id = of_pack.getColumn(0).getString();
                if (!present.count(id)) gone.push_back(std::move(id));
            }
            of_pack.reset();
            for (const auto& id : gone) {
                retire.bind(1, id);
                retire.exec();
                retire.reset();
                report.retired.push_back(id);
            }
        }
    });
    return report;
}

std::vector<std::string> retired_items(store& s) {
    std::vector<std::string> out;
    s.with_db([&](SQLite::Database& db) {
        SQLite::Statement q(db, "SELECT full_id FROM content_items WHERE retired = 1 ORDER BY full_id");
        while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    });
    return out;
}

}  // namespace rehearse

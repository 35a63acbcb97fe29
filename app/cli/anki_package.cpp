#include "cli/anki_package.hpp"

#include "rehearse/core/base/error.hpp"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rehearse::cli {

void write_anki_package(const std::string& path, const anki_deck& deck, sys_ms now) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw error(errc::io, path + ": no such folder");
    // Both temporaries sit next to the target: the rename stays on one file system.
    const fs::path collection = folder / ("." + target.filename().string() + ".collection.tmp");
    const fs::path package = folder / ("." + target.filename().string() + ".tmp");
    auto cleanup = [&] {
        fs::remove(collection, ec);
        fs::remove(package, ec);
    };
    try {
        write_anki_collection(collection.string(), deck, now);
        {
            std::ofstream out(package, std::ios::binary | std::ios::trunc);
            if (!out) throw error(errc::io, path + ": cannot write");
            Poco::Zip::Compress zip(out, true);
            // The entries carry the export's time, so the same content and --now give the same bytes.
            const Poco::DateTime at(Poco::Timestamp(std::chrono::duration_cast<std::chrono::microseconds>(
                                                        now.time_since_epoch())
                                                        .count()));
            std::ifstream collection_in(collection, std::ios::binary);
            zip.addFile(collection_in, at, Poco::Path("collection.anki2"));
            std::istringstream media("{}");  // no media files: the cards are text
            zip.addFile(media, at, Poco::Path("media"));
            zip.close();
            out.close();
            if (!out) throw error(errc::io, path + ": write failed");
        }
        fs::rename(package, target);
        fs::remove(collection, ec);
    } catch (const Poco::Exception& e) {
        cleanup();
        throw error(errc::io, path + ": cannot write the package: " + e.displayText());
    } catch (const fs::filesystem_error& e) {
        cleanup();
        throw error(errc::io, path + ": " + e.code().message());
    } catch (...) {
        cleanup();
        throw;
    }
}

}  // namespace rehearse::cli

// Reading a candidate's message as questions (private to the sessions area; used by the clarification
// matcher). Every function takes lowercase text.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rehearse::clarification_questions {

/// The sentence is phrased as a question: a `?`, an asking phrase ("I'm assuming ...") or a question
/// word first (after lead-ins such as "so", "also", "quick one:").
bool is_question(std::string_view lower_sentence);

/// The [from, to) spans of the questions in one sentence ("... and also ...", "..., and how ...").
std::vector<std::pair<std::size_t, std::size_t>> cut(std::string_view lower_sentence);

/// The question asks which technology or architecture to use ("Kafka or SQS?"), or asks to pick
/// ("which would you prefer?") after the options were named elsewhere in the message.
bool design_question(std::string_view part, std::string_view lower_message);

/// The question compares two amounts ("more downloads than uploads", "for every message sent").
bool compares(std::string_view part);

/// The phrase naming the thing a question asks about ("what hours do the agents work?": "hours"; "how many
/// treatment rooms ...": "treatment rooms"), or empty when the question does not name it as a thing.
std::string asked_thing(std::string_view lower_question);

/// "How long can a post be?": the question asks how big something may be, not how long it lasts.
bool asks_length(std::string_view lower_question);

/// The question opens with a verb ("Can customers attach screenshots?"): it asks yes or no.
bool is_yes_no(std::string_view lower_question);

/// One of `words` occurs in `s` as a word or phrase.
bool mentions_any(std::string_view s, std::initializer_list<std::string_view> words);

}  // namespace rehearse::clarification_questions

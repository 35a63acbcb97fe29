// The schema, as numbered migrations. Never edit a published migration: add the next one.
#pragma once

#include <array>
#include <string_view>

namespace rehearse::detail {

inline constexpr std::array<std::string_view, 4> migrations{
    // 1: everything the first release needs.
    R"sql(
CREATE TABLE learners (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);

-- Content items a learner's history points at; retired when a pack update removes them.
CREATE TABLE content_items (
  full_id      TEXT PRIMARY KEY,          -- pack/id or pack/lesson/card
  kind         TEXT NOT NULL CHECK (kind IN ('problem','lesson','card')),
  pack         TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  first_seen   TEXT NOT NULL,
  last_seen    TEXT NOT NULL,
  retired      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY,
  learner_id      INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  problem_id      TEXT NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('answer','coach','mock')),
  overall         REAL,
  answer_text     TEXT,
  evaluation_json TEXT,
  focus           TEXT,                     -- the dimension the scheduler saw as this attempt's main focus
  predicted       REAL,                     -- predicted success (0..1) just before the attempt
  created_at      TEXT NOT NULL
);
CREATE INDEX attempts_by_learner ON attempts(learner_id, created_at);
CREATE INDEX attempts_by_problem ON attempts(learner_id, problem_id);

CREATE TABLE attempt_scores (
  attempt_id  INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  dimension   TEXT NOT NULL,
  score       REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  PRIMARY KEY (attempt_id, dimension)
);

CREATE TABLE attempt_findings (
  id          INTEGER PRIMARY KEY,
  attempt_id  INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  finding_id  TEXT NOT NULL,
  dimension   TEXT NOT NULL,
  severity    TEXT NOT NULL,
  message     TEXT NOT NULL
);
CREATE INDEX attempt_findings_by_attempt ON attempt_findings(attempt_id);

-- Per (learner, problem) summary kept by record_attempt, so selection reads one row per problem
-- instead of scanning the attempt history.
CREATE TABLE learner_problem_stats (
  learner_id    INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  problem_id    TEXT NOT NULL,
  attempts      INTEGER NOT NULL,
  last_at       TEXT NOT NULL,
  last_success  REAL NOT NULL,              -- 0..1, the rubric-weighted score of the last attempt
  best_success  REAL NOT NULL,
  PRIMARY KEY (learner_id, problem_id)
);

-- The current learner model per dimension, and every update to it.
CREATE TABLE mastery (
  learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  dimension    TEXT NOT NULL,
  ability      REAL NOT NULL,
  uncertainty  REAL NOT NULL,
  evidence     INTEGER NOT NULL DEFAULT 0,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (learner_id, dimension)
);
CREATE TABLE mastery_history (
  id           INTEGER PRIMARY KEY,
  learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  dimension    TEXT NOT NULL,
  at           TEXT NOT NULL,
  ability      REAL NOT NULL,
  uncertainty  REAL NOT NULL,
  mastery      REAL NOT NULL,
  source       TEXT NOT NULL,               -- attempt | lesson | decay
  attempt_id   INTEGER REFERENCES attempts(id) ON DELETE SET NULL
);
CREATE INDEX mastery_history_by_learner ON mastery_history(learner_id, dimension, at);

-- Flashcards (FSRS state) and the review log.
CREATE TABLE cards (
  learner_id     INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  card_id        TEXT NOT NULL,             -- pack/lesson/card
  state          TEXT NOT NULL CHECK (state IN ('new','learning','review','relearning')),
  stability      REAL NOT NULL,
  difficulty     REAL NOT NULL,
  due            TEXT NOT NULL,
  last_review    TEXT,
  step           INTEGER NOT NULL DEFAULT 0,
  reps           INTEGER NOT NULL DEFAULT 0,
  lapses         INTEGER NOT NULL DEFAULT 0,
  scheduled_days INTEGER NOT NULL DEFAULT 0,
  introduced_at  TEXT NOT NULL,             -- first review: caps new cards per day
  PRIMARY KEY (learner_id, card_id)
);
CREATE INDEX cards_due ON cards(learner_id, due);
CREATE INDEX cards_introduced ON cards(learner_id, introduced_at);
CREATE TABLE review_log (
  id              INTEGER PRIMARY KEY,
  learner_id      INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  card_id         TEXT NOT NULL,
  rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  reviewed_at     TEXT NOT NULL,
  state_before    TEXT NOT NULL,
  stability       REAL NOT NULL,
  difficulty      REAL NOT NULL,
  retrievability  REAL,
  interval_days   INTEGER NOT NULL,
  due             TEXT NOT NULL
);
CREATE INDEX review_log_by_card ON review_log(learner_id, card_id, reviewed_at);

-- Lessons taken and their check-question results.
CREATE TABLE lesson_progress (
  learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  lesson_id    TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('started','completed')),
  check_score  REAL,
  cards_introduced INTEGER NOT NULL DEFAULT 0,  -- how many of its cards have had a first review
  started_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (learner_id, lesson_id)
);

-- Study plans.
CREATE TABLE plan_enrolments (
  id              INTEGER PRIMARY KEY,
  learner_id      INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  curriculum_id   TEXT NOT NULL,
  start_date      TEXT NOT NULL,
  interview_date  TEXT,
  minutes_per_day INTEGER,
  status          TEXT NOT NULL CHECK (status IN ('active','finished','abandoned')),
  created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX one_active_plan ON plan_enrolments(learner_id) WHERE status = 'active';
CREATE TABLE plan_activity_log (
  id            INTEGER PRIMARY KEY,
  enrolment_id  INTEGER NOT NULL REFERENCES plan_enrolments(id) ON DELETE CASCADE,
  plan_day      INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  ref           TEXT,
  done_at       TEXT NOT NULL
);
CREATE INDEX plan_activity_by_enrolment ON plan_activity_log(enrolment_id, plan_day);

-- Mock interviews and teaching sessions, with their transcripts.
CREATE TABLE interview_sessions (
  id          INTEGER PRIMARY KEY,
  learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  mode        TEXT NOT NULL CHECK (mode IN ('interview','teach')),
  item_id     TEXT NOT NULL,                -- problem or lesson
  phase       TEXT NOT NULL,
  state_json  TEXT NOT NULL DEFAULT '{}',
  status      TEXT NOT NULL CHECK (status IN ('active','finished','abandoned')),
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  attempt_id  INTEGER REFERENCES attempts(id) ON DELETE SET NULL
);
CREATE INDEX interview_sessions_by_learner ON interview_sessions(learner_id, started_at);
CREATE TABLE session_turns (
  session_id  INTEGER NOT NULL REFERENCES interview_sessions(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  speaker     TEXT NOT NULL CHECK (speaker IN ('learner','interviewer','coach','system')),
  text        TEXT NOT NULL,
  at          TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
);
)sql",
    // 2: coaching sessions (mock interviews, teaching dialogues), each an append-only log of events.
    R"sql(
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('mock','teach')),
  subject     TEXT NOT NULL,              -- the problem or lesson id
  state       TEXT NOT NULL CHECK (state IN ('open','finished')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX sessions_by_learner ON sessions(learner_id, kind, created_at);

CREATE TABLE session_events (
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  at          TEXT NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,              -- JSON object
  PRIMARY KEY (session_id, seq)
);
)sql",
    // 3: sign-in for a shared server: access tokens (only their SHA-256 is kept) and coaches' groups.
    R"sql(
CREATE TABLE access_tokens (
  id          TEXT PRIMARY KEY,           -- public part of the token, shown in `token list`
  secret_hash TEXT NOT NULL,              -- hex SHA-256 of the secret part; the secret is never stored
  learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('learner','coach')),
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX access_tokens_by_learner ON access_tokens(learner_id);

CREATE TABLE learner_groups (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  coach_id    INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL
);

CREATE TABLE group_members (
  group_id    INTEGER NOT NULL REFERENCES learner_groups(id) ON DELETE CASCADE,
  learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  added_at    TEXT NOT NULL,
  PRIMARY KEY (group_id, learner_id)
);
CREATE INDEX group_members_by_learner ON group_members(learner_id);
)sql",
    // 4: drills: every practice with its grade, and each drill's FSRS memory per learner (a drill is a
    // spaced item like a flashcard).
    R"sql(
CREATE TABLE drill_attempts (
  id          INTEGER PRIMARY KEY,
  learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  drill_id    TEXT NOT NULL,              -- bare drill id
  dimension   TEXT NOT NULL,
  score       REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answer_text TEXT NOT NULL,
  result_json TEXT NOT NULL,              -- the graded result as printed
  created_at  TEXT NOT NULL
);
CREATE INDEX drill_attempts_by_learner ON drill_attempts(learner_id, created_at);
CREATE INDEX drill_attempts_by_dimension ON drill_attempts(learner_id, dimension, created_at);

CREATE TABLE drill_memory (
  learner_id     INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  drill_id       TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('new','learning','review','relearning')),
  stability      REAL NOT NULL,
  difficulty     REAL NOT NULL,
  due            TEXT NOT NULL,
  last_review    TEXT,
  reps           INTEGER NOT NULL DEFAULT 0,
  lapses         INTEGER NOT NULL DEFAULT 0,
  scheduled_days INTEGER NOT NULL DEFAULT 0,
  last_score     REAL NOT NULL,
  PRIMARY KEY (learner_id, drill_id)
);
CREATE INDEX drill_memory_due ON drill_memory(learner_id, due);
)sql",
};

}  // namespace rehearse::detail

#include "inlet/settings.h"

#include <array>
#include <charconv>

#include "common/string_util.h"

namespace inlet {
namespace {

// One row of the settings table: what SHOW ALL lists, and how the value is read and written.
struct SettingDefinition {
  SettingInfo info;
  Status (*set)(SessionSettings* settings, std::string_view value);
  std::string (*get)(const SessionSettings& settings);
};

// The words a setting of an enum type takes, in the order messages list them.
template <typename Enum>
struct Choice {
  const char* word;
  Enum value;
};

constexpr std::array<Choice<CopyResultShape>, 3> kCopyResultChoices = {{
    {"auto", CopyResultShape::kAuto},
    {"files", CopyResultShape::kFiles},
    {"metrics", CopyResultShape::kMetrics},
}};

constexpr std::array<Choice<ProgressMode>, 3> kProgressChoices = {{
    {"auto", ProgressMode::kAuto},
    {"on", ProgressMode::kOn},
    {"off", ProgressMode::kOff},
}};

// "'auto', 'on' or 'off'"
template <typename Enum, size_t N>
std::string ListChoices(const std::array<Choice<Enum>, N>& choices) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += "'" + std::string(choices[i].word) + "'";
  }
  return out;
}

template <typename Enum, size_t N>
Status SetChoice(std::string_view name, const std::array<Choice<Enum>, N>& choices,
                 std::string_view value, Enum* out) {
  for (const Choice<Enum>& choice : choices) {
    if (EqualsIgnoreCase(value, choice.word)) {
      *out = choice.value;
      return Status::OK();
    }
  }
  return Status::InvalidArgument("setting " + std::string(name) + " must be " +
                                 ListChoices(choices) + ", not '" + std::string(value) + "'");
}

template <typename Enum, size_t N>
std::string ChoiceWord(const std::array<Choice<Enum>, N>& choices, Enum value) {
  for (const Choice<Enum>& choice : choices) {
    if (choice.value == value) return choice.word;
  }
  return "";
}

// A whole number >= 0; `unit` names it in the message ("days").
Status SetCount(std::string_view name, std::string_view unit, std::string_view value,
                int64_t* out) {
  int64_t count = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, count);
  if (value.empty() || ec != std::errc() || ptr != end || count < 0) {
    return Status::InvalidArgument("setting " + std::string(name) + " must be a whole number of " +
                                   std::string(unit) + ", 0 or more, not '" + std::string(value) +
                                   "'");
  }
  *out = count;
  return Status::OK();
}

// Sorted by name: SHOW ALL lists them in this order, and messages too.
const std::vector<SettingDefinition>& Definitions() {
  static const std::vector<SettingDefinition> definitions = {
      {{"copy_result", "VARCHAR", "auto",
        "The shape of COPY's result: 'files' (one row per source file), 'metrics' (Delta's "
        "metric/value rows) or 'auto' (the statement's dialect decides)"},
       [](SessionSettings* s, std::string_view v) {
         return SetChoice("copy_result", kCopyResultChoices, v, &s->copy_result);
       },
       [](const SessionSettings& s) { return ChoiceWord(kCopyResultChoices, s.copy_result); }},
      {{"load_history_retention_days", "BIGINT", "30",
        "Days of load history (SYS_LOAD_HISTORY and the other load views) kept; older loads "
        "are trimmed"},
       [](SessionSettings* s, std::string_view v) {
         return SetCount("load_history_retention_days", "days", v,
                         &s->load_history_retention_days);
       },
       [](const SessionSettings& s) { return std::to_string(s.load_history_retention_days); }},
      {{"progress", "VARCHAR", "auto",
        "A progress line for a COPY that runs longer than progress_delay_ms: 'on', 'off', or "
        "'auto' (only on a terminal)"},
       [](SessionSettings* s, std::string_view v) {
         return SetChoice("progress", kProgressChoices, v, &s->progress);
       },
       [](const SessionSettings& s) { return ChoiceWord(kProgressChoices, s.progress); }},
      {{"progress_delay_ms", "BIGINT", "1000",
        "Milliseconds a COPY runs before its progress line shows"},
       [](SessionSettings* s, std::string_view v) {
         return SetCount("progress_delay_ms", "milliseconds", v, &s->progress_delay_ms);
       },
       [](const SessionSettings& s) { return std::to_string(s.progress_delay_ms); }},
  };
  return definitions;
}

Result<const SettingDefinition*> Find(std::string_view name) {
  std::vector<std::string> names;
  for (const SettingDefinition& definition : Definitions()) {
    if (EqualsIgnoreCase(name, definition.info.name)) return &definition;
    names.push_back(definition.info.name);
  }
  return Status::InvalidArgument("unknown setting \"" + std::string(name) +
                                 "\"; known settings: " + JoinStrings(names, ", "));
}

}  // namespace

const std::vector<SettingInfo>& SessionSettings::Known() {
  static const std::vector<SettingInfo> known = [] {
    std::vector<SettingInfo> out;
    for (const SettingDefinition& definition : Definitions()) out.push_back(definition.info);
    return out;
  }();
  return known;
}

Status SessionSettings::Set(std::string_view name, std::string_view value) {
  INLET_ASSIGN_OR_RETURN(const SettingDefinition* definition, Find(name));
  return definition->set(this, value);
}

Status SessionSettings::Reset(std::string_view name) {
  INLET_ASSIGN_OR_RETURN(const SettingDefinition* definition, Find(name));
  return definition->set(this, definition->info.default_value);
}

Result<std::string> SessionSettings::Get(std::string_view name) const {
  INLET_ASSIGN_OR_RETURN(const SettingDefinition* definition, Find(name));
  return definition->get(*this);
}

ProgressStyle ChooseProgressStyle(ProgressMode mode, const ProgressOutput& output) {
  if (output.stream == nullptr || mode == ProgressMode::kOff) return ProgressStyle::kNone;
  if (output.is_terminal) return ProgressStyle::kRedraw;
  return mode == ProgressMode::kOn ? ProgressStyle::kLines : ProgressStyle::kNone;
}

}  // namespace inlet

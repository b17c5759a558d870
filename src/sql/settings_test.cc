#include "inlet/settings.h"

#include <gtest/gtest.h>

#include <sstream>

namespace inlet {
namespace {

TEST(SessionSettingsTest, DefaultsMatchTheTable) {
  SessionSettings settings;
  for (const SettingInfo& info : SessionSettings::Known()) {
    Result<std::string> value = settings.Get(info.name);
    ASSERT_TRUE(value.ok()) << info.name;
    EXPECT_EQ(*value, info.default_value) << info.name;
    EXPECT_FALSE(info.description.empty()) << info.name;
  }
  ASSERT_EQ(SessionSettings::Known().size(), 4u);
  EXPECT_EQ(SessionSettings::Known()[0].name, "copy_result");
  EXPECT_EQ(SessionSettings::Known()[1].name, "load_history_retention_days");
  EXPECT_EQ(SessionSettings::Known()[2].name, "progress");
  EXPECT_EQ(SessionSettings::Known()[3].name, "progress_delay_ms");
}

TEST(SessionSettingsTest, SetGetReset) {
  SessionSettings settings;
  ASSERT_TRUE(settings.Set("PROGRESS", "Off").ok());
  EXPECT_EQ(settings.progress, ProgressMode::kOff);
  EXPECT_EQ(*settings.Get("progress"), "off");
  ASSERT_TRUE(settings.Set("copy_result", "files").ok());
  EXPECT_EQ(settings.copy_result, CopyResultShape::kFiles);
  ASSERT_TRUE(settings.Set("copy_result", "METRICS").ok());
  EXPECT_EQ(settings.copy_result, CopyResultShape::kMetrics);
  ASSERT_TRUE(settings.Set("load_history_retention_days", "0").ok());
  EXPECT_EQ(settings.load_history_retention_days, 0);
  ASSERT_TRUE(settings.Set("load_history_retention_days", "365").ok());
  EXPECT_EQ(*settings.Get("load_history_retention_days"), "365");
  ASSERT_TRUE(settings.Set("progress_delay_ms", "0").ok());
  EXPECT_EQ(settings.progress_delay_ms, 0);
  ASSERT_TRUE(settings.Reset("progress").ok());
  EXPECT_EQ(settings.progress, ProgressMode::kAuto);
  ASSERT_TRUE(settings.Reset("load_history_retention_days").ok());
  EXPECT_EQ(settings.load_history_retention_days, 30);
}

TEST(SessionSettingsTest, ErrorsListWhatIsValid) {
  SessionSettings settings;
  const std::string known = "known settings: copy_result, load_history_retention_days, progress, progress_delay_ms";
  EXPECT_EQ(settings.Set("threads", "4").message(), "unknown setting \"threads\"; " + known);
  EXPECT_EQ(settings.Reset("nope").message(), "unknown setting \"nope\"; " + known);
  EXPECT_EQ(settings.Get("nope").status().message(), "unknown setting \"nope\"; " + known);
  EXPECT_EQ(settings.Set("progress", "maybe").message(),
            "setting progress must be 'auto', 'on' or 'off', not 'maybe'");
  EXPECT_EQ(settings.Set("copy_result", "rows").message(),
            "setting copy_result must be 'auto', 'files' or 'metrics', not 'rows'");
  for (const char* bad : {"-1", "1.5", "", "ten", "99999999999999999999"}) {
    Status status = settings.Set("load_history_retention_days", bad);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(status.message(),
              "setting load_history_retention_days must be a whole number of days, 0 or more, "
              "not '" + std::string(bad) + "'");
  }
  EXPECT_EQ(settings.Set("progress_delay_ms", "-5").message(),
            "setting progress_delay_ms must be a whole number of milliseconds, 0 or more, not "
            "'-5'");
  // A failed SET leaves the value as it was.
  EXPECT_EQ(settings.progress, ProgressMode::kAuto);
  EXPECT_EQ(settings.load_history_retention_days, 30);
}

TEST(ChooseProgressStyleTest, TerminalsRedrawPipesOnlyWhenForced) {
  std::ostringstream stream;
  ProgressOutput terminal{&stream, true};
  ProgressOutput pipe{&stream, false};
  ProgressOutput none{};
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kAuto, terminal), ProgressStyle::kRedraw);
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kOn, terminal), ProgressStyle::kRedraw);
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kOff, terminal), ProgressStyle::kNone);
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kAuto, pipe), ProgressStyle::kNone);
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kOn, pipe), ProgressStyle::kLines);
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kOff, pipe), ProgressStyle::kNone);
  EXPECT_EQ(ChooseProgressStyle(ProgressMode::kOn, none), ProgressStyle::kNone);
}

}  // namespace
}  // namespace inlet

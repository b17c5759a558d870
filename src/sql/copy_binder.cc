#include "sql/copy_binder.h"

#include <algorithm>

#include "common/string_util.h"
#include "formats/csv/csv_options.h"
#include "sql/parser.h"
#include "sql/select_binder.h"

namespace inlet::sql {

std::string TableKey(const Name& name) { return JoinStrings(NameParts(name), "."); }

std::vector<std::string> NameParts(const Name& name) {
  std::vector<std::string> parts;
  for (const Identifier& part : name.parts) parts.push_back(part.normalized);
  return parts;
}

namespace {

Result<std::string> ScalarOptionText(const Option& option) {
  switch (option.value.kind) {
    case OptionValue::Kind::kString:
    case OptionValue::Kind::kNumber:
    case OptionValue::Kind::kBoolean:
    case OptionValue::Kind::kIdentifier:
      return option.value.text;
    case OptionValue::Kind::kNull:
      return std::string();
    case OptionValue::Kind::kList:
    case OptionValue::Kind::kOptions:
      break;
  }
  return BindErrorAt(option.value.position,
                     "option " + option.key_text + " takes a single value, not a list");
}

Result<bool> BooleanOption(const Option& option) {
  INLET_ASSIGN_OR_RETURN(std::string text, ScalarOptionText(option));
  if (EqualsIgnoreCase(text, "true")) return true;
  if (EqualsIgnoreCase(text, "false")) return false;
  return BindErrorAt(option.value.position,
                     "option " + option.key_text + " must be true or false, got '" + text + "'");
}

Status AddFormatOptions(const std::vector<Option>& options, FormatOptions* out) {
  for (const Option& option : options) {
    // A list (Snowflake's NULL_IF = ('', 'NA')) travels as its SQL text; the format parses it.
    std::string text = option.value.ToString();
    if (option.value.kind != OptionValue::Kind::kList) {
      INLET_ASSIGN_OR_RETURN(text, ScalarOptionText(option));
    }
    if (!out->emplace(option.key, text).second) {
      return BindErrorAt(option.position, "format option " + option.key_text + " is given twice");
    }
  }
  return Status::OK();
}

// A format option error from ValidateFormatOptions, pointed at the clause that holds options.
Status FormatOptionError(const Status& status, const SourcePosition& position) {
  return BindErrorAt(position, status.message());
}

// LOAD_UNCERTAIN_FILES = TRUE | FALSE and MODIFIED_FILES = RELOAD | SKIP, Snowflake-style at the
// top level or camel-cased in COPY_OPTIONS (loadUncertainFiles, modifiedFiles).
Status BindLoadTrackingOption(const Option& option, CopyPlan* plan) {
  if (option.key == "load_uncertain_files" || option.key == "loaduncertainfiles") {
    INLET_ASSIGN_OR_RETURN(plan->load_uncertain_files, BooleanOption(option));
    return Status::OK();
  }
  INLET_ASSIGN_OR_RETURN(std::string text, ScalarOptionText(option));
  plan->modified_files = ModifiedFilePolicyFromName(text);
  if (!plan->modified_files) {
    return BindErrorAt(option.value.position,
                       "option " + option.key_text + " must be RELOAD or SKIP, got '" + text + "'");
  }
  return Status::OK();
}

// VALIDATION_MODE = RETURN_<n>_ROWS | RETURN_ERRORS | RETURN_ALL_ERRORS.
Status BindValidationMode(const Option& option, CopyPlan* plan) {
  INLET_ASSIGN_OR_RETURN(std::string text, ScalarOptionText(option));
  const std::string upper = AsciiToUpper(text);
  if (upper == "RETURN_ERRORS" || upper == "RETURN_ALL_ERRORS") {
    plan->validate_only = true;
    plan->validate_all_errors = upper == "RETURN_ALL_ERRORS";
    return Status::OK();
  }
  constexpr std::string_view kPrefix = "RETURN_", kSuffix = "_ROWS";
  if (upper.size() > kPrefix.size() + kSuffix.size() && upper.rfind(kPrefix, 0) == 0 &&
      upper.compare(upper.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
    std::string digits =
        upper.substr(kPrefix.size(), upper.size() - kPrefix.size() - kSuffix.size());
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        digits.size() <= 9 && std::stoll(digits) > 0) {
      plan->validate_rows = std::stoll(digits);
      return Status::OK();
    }
  }
  return BindErrorAt(option.value.position,
                     "VALIDATION_MODE must be RETURN_<n>_ROWS (n >= 1), RETURN_ERRORS or "
                     "RETURN_ALL_ERRORS, not '" + text + "'");
}

// Snowflake's copy options that decide what bad input does and what the result shows (at the
// top level of the statement or inside COPY_OPTIONS). False when `option` is not one of them.
Result<bool> BindErrorOption(const Option& option, CopyPlan* plan) {
  if (option.key == "on_error") {
    INLET_ASSIGN_OR_RETURN(std::string value, ScalarOptionText(option));
    Result<ErrorPolicy> policy = ParseOnError(value);
    if (!policy.ok()) return BindErrorAt(option.value.position, policy.status().message());
    plan->error_policy = *policy;
  } else if (option.key == "validation_mode") {
    INLET_RETURN_NOT_OK(BindValidationMode(option, plan));
  } else if (option.key == "return_failed_only") {
    INLET_ASSIGN_OR_RETURN(plan->return_failed_only, BooleanOption(option));
  } else if (option.key == "enforce_length") {
    INLET_ASSIGN_OR_RETURN(bool enforce, BooleanOption(option));
    plan->truncate_columns = !enforce;
  } else if (option.key == "truncatecolumns") {
    INLET_ASSIGN_OR_RETURN(plan->truncate_columns, BooleanOption(option));
  } else if (option.key == "purge") {
    INLET_ASSIGN_OR_RETURN(plan->purge, BooleanOption(option));
  } else if (option.key == "size_limit" || option.key == "max_files") {
    INLET_ASSIGN_OR_RETURN(std::string text, ScalarOptionText(option));
    Result<int64_t> limit = ParseLoadLimit(AsciiToUpper(option.key), text);
    if (!limit.ok()) return BindErrorAt(option.value.position, limit.status().message());
    (option.key == "size_limit" ? plan->limits.size_limit : plan->limits.max_files) = *limit;
  } else {
    return false;
  }
  return true;
}

// FILE_FORMAT's TYPE: TSV is CSV with a tab as the default delimiter.
Status BindFormatType(const OptionValue& type, const CopyBindContext& context,
                      const std::string& delimiter_key, CopyPlan* plan) {
  const bool tsv = EqualsIgnoreCase(type.text, "tsv");
  auto format = context.formats->FindByName(tsv ? "CSV" : type.text);
  if (!format.ok()) return BindErrorAt(type.position, format.status().message());
  plan->format = *format;
  if (tsv) plan->format_options.emplace(delimiter_key, "\\t");
  return Status::OK();
}

// Firebolt's WITH (...): TYPE and PATTERN shape the plan, the other options are the format's;
// the options of later issues are refused by name.
Status BindWithOptions(const OptionListClause& with, const CopyBindContext& context,
                       CopyPlan* plan) {
  static const std::vector<std::string> kNotYet = {
      "auto_create", "allow_column_mismatch", "error_file_credentials",
      "case_sensitive_column_mapping", "credentials"};
  std::vector<Option> format_options;
  const OptionValue* type = nullptr;
  for (const Option& option : with.options) {
    if (option.key == "type") {
      type = &option.value;
    } else if (option.key == "pattern") {
      INLET_ASSIGN_OR_RETURN(std::string pattern, ScalarOptionText(option));
      plan->source.pattern = pattern;
    } else if (option.key == "error_file") {
      INLET_ASSIGN_OR_RETURN(std::string folder, ScalarOptionText(option));
      auto location = context.file_systems->Resolve(folder);
      if (!location.ok()) return BindErrorAt(option.value.position, location.status().message());
      plan->error_file = *location;
    } else if (option.key == "max_errors_per_file") {
      INLET_ASSIGN_OR_RETURN(std::string value, ScalarOptionText(option));
      Result<ErrorPolicy> policy = ParseMaxErrorsPerFile(value);
      if (!policy.ok()) return BindErrorAt(option.value.position, policy.status().message());
      plan->error_policy = *policy;
      plan->error_policy.firebolt_messages = true;
    } else if (std::find(kNotYet.begin(), kNotYet.end(), option.key) != kNotYet.end()) {
      return BindErrorAt(option.position, "COPY ... WITH (" + AsciiToUpper(option.key_text) +
                                              ") is not supported yet");
    } else {
      format_options.push_back(option);
    }
  }
  INLET_RETURN_NOT_OK(AddFormatOptions(format_options, &plan->format_options));
  if (type != nullptr && !EqualsIgnoreCase(type->text, "auto")) {
    // Firebolt's DELIMITER is also the TSV default's key.
    INLET_RETURN_NOT_OK(BindFormatType(*type, context, "delimiter", plan));
  }
  return Status::OK();
}

// Which dialect's CSV option names and defaults the statement speaks (docs/csv-support.md):
// Firebolt's WITH form; Snowflake's FILE_FORMAT = (...) unless it uses the Delta form's names
// or FORMAT_OPTIONS is given; the Delta form otherwise.
CsvSqlDialect StatementDialect(const CopyIntoStatement& copy) {
  if (copy.with_options) return CsvSqlDialect::kFirebolt;
  if (!copy.file_format || !copy.file_format->parenthesized || copy.format_options) {
    return CsvSqlDialect::kDelta;
  }
  const std::vector<std::string>& delta_names = CsvDialectOnlyOptionNames(CsvSqlDialect::kDelta);
  for (const Option& option : copy.file_format->options) {
    if (std::find(delta_names.begin(), delta_names.end(), option.key) != delta_names.end()) {
      return CsvSqlDialect::kDelta;
    }
  }
  return CsvSqlDialect::kSnowflake;
}

}  // namespace

Result<std::vector<BoundConstraint>> BindConstraints(
    const std::string& table_name, const std::vector<TableConstraint>& constraints,
    const Schema& schema) {
  std::vector<BoundConstraint> bound;
  for (const TableConstraint& constraint : constraints) {
    std::string context = "table " + table_name + ": " + constraint.Describe();
    Result<ExpressionPtr> parsed = ParseExpression(constraint.expression);
    if (!parsed.ok()) return parsed.status().WithContext(context);
    Result<std::unique_ptr<BoundExpression>> expression = BindRowExpression(**parsed, schema);
    if (!expression.ok()) return expression.status().WithContext(context);
    if ((*expression)->type().id() != TypeId::kBoolean) {
      return Status::BindError(context + " is not a BOOLEAN expression (it is " +
                               (*expression)->type().ToString() + ")");
    }
    bound.push_back({constraint, std::shared_ptr<const BoundExpression>(std::move(*expression))});
  }
  return bound;
}

bool SpeaksFileResultDialect(const CopyIntoStatement& copy) {
  return StatementDialect(copy) != CsvSqlDialect::kDelta || !copy.options.empty();
}

Result<CopyPlan> BindCopy(const CopyIntoStatement& copy, const CopyBindContext& context) {
  CopyPlan plan;
  auto table = context.catalog->GetTable(TableKey(copy.table));
  if (!table.ok()) {
    if (table.status().IsNotFound()) {
      return BindErrorAt(copy.table.position,
                         "table " + copy.table.ToString() +
                             " does not exist (create it with CREATE TABLE or register it with "
                             "OPEN DELTA TABLE)");
    }
    return table.status();
  }
  plan.table = *table;
  plan.bind_constraints = [name = plan.table.name](const std::vector<TableConstraint>& constraints,
                                                   const Schema& schema) {
    return BindConstraints(name, constraints, schema);
  };
  INLET_ASSIGN_OR_RETURN(plan.table_location, context.file_systems->Resolve(plan.table.location));

  auto source = context.file_systems->Resolve(copy.location.value);
  if (!source.ok()) return BindErrorAt(copy.location.position, source.status().message());
  plan.source.location = *source;
  if (copy.files) {
    for (const StringLiteral& file : copy.files->files) plan.source.files.push_back(file.value);
  }
  if (copy.pattern) plan.source.pattern = copy.pattern->value;
  if (!copy.more_locations.empty()) {
    return BindErrorAt(copy.more_locations.front().position,
                       "COPY FROM several URLs is not supported yet; load them one by one, or "
                       "give their folder and a PATTERN");
  }

  SourcePosition options_position = copy.position;
  const CsvSqlDialect dialect = StatementDialect(copy);
  plan.error_policy.firebolt_messages = dialect == CsvSqlDialect::kFirebolt;
  if (copy.with_options) {
    options_position = copy.with_options->position;
    INLET_RETURN_NOT_OK(BindWithOptions(*copy.with_options, context, &plan));
  }
  if (copy.file_format) {
    options_position = copy.file_format->position;
    if (!copy.file_format->type) {
      return BindErrorAt(copy.file_format->position,
                         "FILE_FORMAT (...) needs a TYPE, e.g. FILE_FORMAT = (TYPE = CSV)");
    }
    INLET_RETURN_NOT_OK(AddFormatOptions(copy.file_format->options, &plan.format_options));
    INLET_RETURN_NOT_OK(BindFormatType(
        *copy.file_format->type, context,
        dialect == CsvSqlDialect::kSnowflake ? "field_delimiter" : "delimiter", &plan));
  }
  if (copy.format_options) {
    options_position = copy.format_options->position;
    INLET_RETURN_NOT_OK(AddFormatOptions(copy.format_options->options, &plan.format_options));
  }
  plan.format_options[kFormatDialectKey] = std::string(CsvSqlDialectName(dialect));
  if (plan.format) {
    Status valid = ValidateFormatOptions(*plan.format, plan.format_options);
    if (!valid.ok()) return FormatOptionError(valid, options_position);
  }

  if (copy.copy_options) {
    for (const Option& option : copy.copy_options->options) {
      if (option.key == "force") {
        INLET_ASSIGN_OR_RETURN(plan.force, BooleanOption(option));
      } else if (option.key == "mergeschema") {
        INLET_ASSIGN_OR_RETURN(plan.merge_schema, BooleanOption(option));
      } else if (option.key == "loaduncertainfiles" || option.key == "modifiedfiles") {
        INLET_RETURN_NOT_OK(BindLoadTrackingOption(option, &plan));
      } else if (option.key == "purge") {
        INLET_ASSIGN_OR_RETURN(plan.purge, BooleanOption(option));
      } else {
        return BindErrorAt(option.position,
                           "unknown COPY_OPTIONS option '" + option.key_text +
                               "'; valid options: force, loadUncertainFiles, mergeSchema, "
                               "modifiedFiles, purge");
      }
    }
  }
  if (copy.force) plan.force = copy.force->value;
  for (const Option& option : copy.options) {
    if (option.key == "load_uncertain_files" || option.key == "modified_files") {
      INLET_RETURN_NOT_OK(BindLoadTrackingOption(option, &plan));
      continue;
    }
    INLET_ASSIGN_OR_RETURN(bool bound, BindErrorOption(option, &plan));
    if (bound) continue;
    return BindErrorAt(option.position,
                       "unknown COPY INTO option " + option.key_text +
                           "; valid clauses: FILE_FORMAT, FILES, PATTERN, FORMAT_OPTIONS, "
                           "COPY_OPTIONS, FORCE, LOAD_UNCERTAIN_FILES, MODIFIED_FILES, ON_ERROR, "
                           "VALIDATION_MODE, RETURN_FAILED_ONLY, ENFORCE_LENGTH, TRUNCATECOLUMNS, "
                           "PURGE, SIZE_LIMIT, MAX_FILES");
  }
  return plan;
}

}  // namespace inlet::sql

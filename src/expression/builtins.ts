/**
 * The explicit list of filters, functions and tests the engine ships. A definition file
 * not listed here does not exist for templates (a test checks every file is listed).
 */
import type { FilterDefinition, FunctionDefinition, TestDefinition } from "./extension.js";
import filterAbbreviate from "./filters/abbreviate.js";
import filterAbs from "./filters/abs.js";
import filterBase64decode from "./filters/base64decode.js";
import filterBase64encode from "./filters/base64encode.js";
import filterCapitalize from "./filters/capitalize.js";
import filterChunk from "./filters/chunk.js";
import filterClassName from "./filters/class-name.js";
import filterDate from "./filters/date.js";
import filterDateAdd from "./filters/date-add.js";
import filterDefault from "./filters/default.js";
import filterDistinct from "./filters/distinct.js";
import filterEndsWith from "./filters/ends-with.js";
import filterEscapeChar from "./filters/escape-char.js";
import filterFirst from "./filters/first.js";
import filterFlatten from "./filters/flatten.js";
import filterIndent from "./filters/indent.js";
import filterJoin from "./filters/join.js";
import filterJq from "./filters/jq.js";
import filterJson from "./filters/json.js";
import filterKeys from "./filters/keys.js";
import filterLast from "./filters/last.js";
import filterLength from "./filters/length.js";
import filterLower from "./filters/lower.js";
import filterMd5 from "./filters/md5.js";
import filterMerge from "./filters/merge.js";
import filterNindent from "./filters/nindent.js";
import filterNumber from "./filters/number.js";
import filterNumberFormat from "./filters/number-format.js";
import filterRegexExtract from "./filters/regex-extract.js";
import filterRegexMatch from "./filters/regex-match.js";
import filterRegexReplace from "./filters/regex-replace.js";
import filterReplace from "./filters/replace.js";
import filterReverse from "./filters/reverse.js";
import filterRsort from "./filters/rsort.js";
import filterSha1 from "./filters/sha1.js";
import filterSha256 from "./filters/sha256.js";
import filterSha512 from "./filters/sha512.js";
import filterSlice from "./filters/slice.js";
import filterSlugify from "./filters/slugify.js";
import filterSort from "./filters/sort.js";
import filterSplit from "./filters/split.js";
import filterStartsWith from "./filters/starts-with.js";
import filterString from "./filters/string.js";
import filterSubstringAfter from "./filters/substring-after.js";
import filterSubstringAfterLast from "./filters/substring-after-last.js";
import filterSubstringBefore from "./filters/substring-before.js";
import filterSubstringBeforeLast from "./filters/substring-before-last.js";
import filterTimestamp from "./filters/timestamp.js";
import filterTimestampMicro from "./filters/timestamp-micro.js";
import filterTimestampMilli from "./filters/timestamp-milli.js";
import filterTimestampNano from "./filters/timestamp-nano.js";
import filterTitle from "./filters/title.js";
import filterToIon from "./filters/to-ion.js";
import filterToJson from "./filters/to-json.js";
import filterTrim from "./filters/trim.js";
import filterUpper from "./filters/upper.js";
import filterUrldecode from "./filters/urldecode.js";
import filterUrlencode from "./filters/urlencode.js";
import filterValues from "./filters/values.js";
import filterYaml from "./filters/yaml.js";
import fnCurrentEachOutput from "./functions/current-each-output.js";
import fnDayOfMonth from "./functions/day-of-month.js";
import fnDayOfWeek from "./functions/day-of-week.js";
import fnDecrypt from "./functions/decrypt.js";
import fnEncrypt from "./functions/encrypt.js";
import fnEnv from "./functions/env.js";
import fnErrorLogs from "./functions/error-logs.js";
import fnFetchContext from "./functions/fetch-context.js";
import fnFileEmpty from "./functions/file-empty.js";
import fnFileExists from "./functions/file-exists.js";
import fnFileSize from "./functions/file-size.js";
import fnFileUri from "./functions/file-uri.js";
import fnFromIon from "./functions/from-ion.js";
import fnFromJson from "./functions/from-json.js";
import fnHourOfDay from "./functions/hour-of-day.js";
import fnHttp from "./functions/http.js";
import fnId from "./functions/id.js";
import fnIsDayWeekInMonth from "./functions/is-day-week-in-month.js";
import fnIsFileEmpty from "./functions/is-file-empty.js";
import fnIsWeekend from "./functions/is-weekend.js";
import fnIterationOutput from "./functions/iteration-output.js";
import fnJson from "./functions/json.js";
import fnKsuid from "./functions/ksuid.js";
import fnKv from "./functions/kv.js";
import fnMax from "./functions/max.js";
import fnMin from "./functions/min.js";
import fnMonthOfYear from "./functions/month-of-year.js";
import fnNanoId from "./functions/nano-id.js";
import fnNow from "./functions/now.js";
import fnParentOutput from "./functions/parent-output.js";
import fnPrintContext from "./functions/print-context.js";
import fnRandomInt from "./functions/random-int.js";
import fnRandomPort from "./functions/random-port.js";
import fnRange from "./functions/range.js";
import fnRead from "./functions/read.js";
import fnSecret from "./functions/secret.js";
import fnTasksWithState from "./functions/tasks-with-state.js";
import fnUuid from "./functions/uuid.js";
import fnYaml from "./functions/yaml.js";
import testDefined from "./tests/defined.js";
import testEmpty from "./tests/empty.js";
import testEven from "./tests/even.js";
import testIterable from "./tests/iterable.js";
import testJson from "./tests/json.js";
import testMap from "./tests/map.js";
import testNull from "./tests/null.js";
import testOdd from "./tests/odd.js";

export const builtinFilters: readonly FilterDefinition[] = [
  filterAbbreviate,
  filterAbs,
  filterBase64decode,
  filterBase64encode,
  filterCapitalize,
  filterChunk,
  filterClassName,
  filterDateAdd,
  filterDate,
  filterDefault,
  filterDistinct,
  filterEndsWith,
  filterEscapeChar,
  filterFirst,
  filterFlatten,
  filterIndent,
  filterJoin,
  filterJq,
  filterJson,
  filterKeys,
  filterLast,
  filterLength,
  filterLower,
  filterMd5,
  filterMerge,
  filterNindent,
  filterNumberFormat,
  filterNumber,
  filterRegexExtract,
  filterRegexMatch,
  filterRegexReplace,
  filterReplace,
  filterReverse,
  filterRsort,
  filterSha1,
  filterSha256,
  filterSha512,
  filterSlice,
  filterSlugify,
  filterSort,
  filterSplit,
  filterStartsWith,
  filterString,
  filterSubstringAfterLast,
  filterSubstringAfter,
  filterSubstringBeforeLast,
  filterSubstringBefore,
  filterTimestampMicro,
  filterTimestampMilli,
  filterTimestampNano,
  filterTimestamp,
  filterTitle,
  filterToIon,
  filterToJson,
  filterTrim,
  filterUpper,
  filterUrldecode,
  filterUrlencode,
  filterValues,
  filterYaml,
];

export const builtinFunctions: readonly FunctionDefinition[] = [
  fnCurrentEachOutput,
  fnDayOfMonth,
  fnDayOfWeek,
  fnDecrypt,
  fnEncrypt,
  fnEnv,
  fnErrorLogs,
  fnFetchContext,
  fnFileEmpty,
  fnFileExists,
  fnFileSize,
  fnFileUri,
  fnFromIon,
  fnFromJson,
  fnHourOfDay,
  fnHttp,
  fnId,
  fnIsDayWeekInMonth,
  fnIsFileEmpty,
  fnIsWeekend,
  fnIterationOutput,
  fnJson,
  fnKsuid,
  fnKv,
  fnMax,
  fnMin,
  fnMonthOfYear,
  fnNanoId,
  fnNow,
  fnParentOutput,
  fnPrintContext,
  fnRandomInt,
  fnRandomPort,
  fnRange,
  fnRead,
  fnSecret,
  fnTasksWithState,
  fnUuid,
  fnYaml,
];

export const builtinTests: readonly TestDefinition[] = [
  testDefined,
  testEmpty,
  testEven,
  testIterable,
  testJson,
  testMap,
  testNull,
  testOdd,
];

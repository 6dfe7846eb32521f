/**
 * java.time ZoneId semantics on top of Temporal time zones.
 *
 * Conventions: Java's ZoneOffset.UTC (id "Z") is the Temporal zone "+00:00"; other offsets keep
 * their "+05:00" form; regions are IANA ids. Java accepts "UTC+01:00"-style and "UT" ids that
 * Temporal does not know: they are computed with the equivalent Temporal zone and keep their
 * Java id for printing.
 */
import { Temporal } from "temporal-polyfill";
import { ExpressionError } from "../errors.js";
import { pad2 } from "./calendar.js";

export interface JavaZone {
  /** The Java ZoneId string (`Z`, `+05:00`, `Europe/Paris`, `UTC`, `UTC+01:00`). */
  readonly id: string;
  /** The Temporal time zone used for computing. */
  readonly temporal: string;
  /** True for a ZoneOffset, false for a ZoneRegion. */
  readonly isOffset: boolean;
}

export function dateTimeError(message: string): ExpressionError {
  return new ExpressionError("expression.argument", message);
}

/** The Java zone of a Temporal.ZonedDateTime created by this module. */
export function zoneOfTemporal(timeZoneId: string): JavaZone {
  if (/^[+-]\d\d:\d\d$/.test(timeZoneId)) {
    return { id: timeZoneId === "+00:00" ? "Z" : timeZoneId, temporal: timeZoneId, isOffset: true };
  }
  return { id: timeZoneId, temporal: timeZoneId, isOffset: false };
}

/** Java's ZoneOffset id for a number of seconds (`Z`, `+05:30`, `-01:00:30`). */
export function offsetId(totalSeconds: number): string {
  if (totalSeconds === 0) return "Z";
  const abs = Math.abs(totalSeconds);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor(abs / 60) % 60;
  const seconds = abs % 60;
  return `${totalSeconds < 0 ? "-" : "+"}${pad2(hours)}:${pad2(minutes)}${seconds ? `:${pad2(seconds)}` : ""}`;
}

function offsetZone(totalSeconds: number): JavaZone {
  if (totalSeconds % 60 !== 0) {
    throw dateTimeError(`Zone offsets with seconds are not supported: ${offsetId(totalSeconds)}`);
  }
  const id = offsetId(totalSeconds);
  return { id, temporal: id === "Z" ? "+00:00" : id, isOffset: true };
}

function parseOffsetField(id: string, pos: number, precededByColon: boolean): number {
  if (precededByColon && id[pos - 1] !== ":") throw dateTimeError(`Invalid ID for ZoneOffset, invalid format: ${id}`);
  const ch1 = id.charCodeAt(pos) - 48;
  const ch2 = id.charCodeAt(pos + 1) - 48;
  if (!(ch1 >= 0 && ch1 <= 9 && ch2 >= 0 && ch2 <= 9)) {
    throw dateTimeError(`Invalid ID for ZoneOffset, non numeric characters found: ${id}`);
  }
  return ch1 * 10 + ch2;
}

/** ZoneOffset.of: `Z`, `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss`. */
export function zoneOffsetSeconds(id: string): number {
  if (id === "Z") return 0;
  let hours: number;
  let minutes = 0;
  let seconds = 0;
  switch (id.length) {
    case 2:
      return zoneOffsetSeconds(`${id[0]}0${id[1]}`);
    case 3:
      hours = parseOffsetField(id, 1, false);
      break;
    case 5:
      hours = parseOffsetField(id, 1, false);
      minutes = parseOffsetField(id, 3, false);
      break;
    case 6:
      hours = parseOffsetField(id, 1, false);
      minutes = parseOffsetField(id, 4, true);
      break;
    case 7:
      hours = parseOffsetField(id, 1, false);
      minutes = parseOffsetField(id, 3, false);
      seconds = parseOffsetField(id, 5, false);
      break;
    case 9:
      hours = parseOffsetField(id, 1, false);
      minutes = parseOffsetField(id, 4, true);
      seconds = parseOffsetField(id, 7, true);
      break;
    default:
      throw dateTimeError(`Invalid ID for ZoneOffset, invalid format: ${id}`);
  }
  const sign = id[0];
  if (sign !== "+" && sign !== "-") {
    throw dateTimeError(`Invalid ID for ZoneOffset, plus/minus not found when expected: ${id}`);
  }
  if (hours > 18)
    throw dateTimeError(`Zone offset hours not in valid range: value ${hours} is not in the range -18 to 18`);
  if (minutes > 59) {
    throw dateTimeError(`Zone offset minutes not in valid range: value ${minutes} is not in the range 0 to 59`);
  }
  if (seconds > 59) {
    throw dateTimeError(`Zone offset seconds not in valid range: value ${seconds} is not in the range 0 to 59`);
  }
  const total = hours * 3600 + minutes * 60 + seconds;
  if (total > 18 * 3600) throw dateTimeError("Zone offset not in valid range: -18:00 to +18:00");
  return sign === "-" ? -total : total;
}

/** Legacy ICU ids that Java's tzdb does not contain. */
const NOT_IN_JAVA_TZDB = new Set(
  "ACT AET AGT ART AST BET BST CAT CNT CST CTT EAT ECT IET IST JST MIT NET NST PLT PNT PRT PST SST VST".split(" "),
);

function regionZone(id: string): JavaZone {
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(id)) {
    throw dateTimeError(`Invalid ID for region-based ZoneId, invalid format: ${id}`);
  }
  if (NOT_IN_JAVA_TZDB.has(id) || id.startsWith("SystemV/")) throw dateTimeError(`Unknown time-zone ID: ${id}`);
  let canonical: string;
  try {
    canonical = new Temporal.ZonedDateTime(0n, id).timeZoneId;
  } catch {
    throw dateTimeError(`Unknown time-zone ID: ${id}`);
  }
  // Java ids are case-sensitive; Temporal normalises case.
  if (canonical !== id) throw dateTimeError(`Unknown time-zone ID: ${id}`);
  return { id, temporal: id, isOffset: false };
}

function prefixedZone(id: string, prefix: string): JavaZone {
  const temporalPrefix = prefix === "UT" ? "UTC" : prefix;
  if (id.length === prefix.length) return { id, temporal: temporalPrefix, isOffset: false };
  const sign = id[prefix.length];
  if (sign !== "+" && sign !== "-") return regionZone(id);
  let seconds: number;
  try {
    seconds = zoneOffsetSeconds(id.slice(prefix.length));
  } catch {
    throw dateTimeError(`Invalid ID for offset-based ZoneId: ${id}`);
  }
  if (seconds === 0) return { id: prefix, temporal: temporalPrefix, isOffset: false };
  const offset = offsetZone(seconds);
  return { id: `${prefix}${offset.id}`, temporal: offset.temporal, isOffset: false };
}

const zoneCache = new Map<string, JavaZone>();

/** ZoneId.of(id), with Java's error messages. */
export function zoneOf(id: string): JavaZone {
  const cached = zoneCache.get(id);
  if (cached) return cached;
  let zone: JavaZone;
  if (id.length <= 1 || id.startsWith("+") || id.startsWith("-")) zone = offsetZone(zoneOffsetSeconds(id));
  else if (id.startsWith("UTC") || id.startsWith("GMT")) zone = prefixedZone(id, id.slice(0, 3));
  else if (id.startsWith("UT")) zone = prefixedZone(id, "UT");
  else zone = regionZone(id);
  if (zoneCache.size > 500) zoneCache.clear();
  zoneCache.set(id, zone);
  return zone;
}

/** A zone for an offset in seconds (ZoneOffset.ofTotalSeconds). */
export function zoneOfOffset(totalSeconds: number): JavaZone {
  return offsetZone(totalSeconds);
}

/**
 * Java's short zone names for English (CLDR where it has them, else the JDK's legacy
 * TimeZoneNames), as "standard/daylight" → zones. Zones not listed fall back to Intl.
 */
const SHORT_NAMES: Record<string, string> = {
  "CET/CEST":
    "CET Europe/Amsterdam Europe/Andorra Europe/Belgrade Europe/Berlin Europe/Bratislava Europe/Brussels " +
    "Europe/Budapest Europe/Busingen Europe/Copenhagen Europe/Gibraltar Europe/Ljubljana Europe/Luxembourg " +
    "Europe/Madrid Europe/Malta Europe/Monaco Europe/Oslo Europe/Paris Europe/Podgorica Europe/Prague Europe/Rome " +
    "Europe/San_Marino Europe/Sarajevo Europe/Skopje Europe/Stockholm Europe/Tirane Europe/Vaduz Europe/Vatican " +
    "Europe/Vienna Europe/Warsaw Europe/Zagreb Europe/Zurich Africa/Ceuta Arctic/Longyearbyen Africa/Algiers " +
    "Africa/Tunis Poland",
  "EET/EEST":
    "EET Europe/Athens Europe/Bucharest Europe/Helsinki Europe/Kiev Europe/Kyiv Europe/Mariehamn Europe/Riga " +
    "Europe/Sofia Europe/Tallinn Europe/Vilnius Europe/Chisinau Europe/Kaliningrad Europe/Uzhgorod " +
    "Europe/Zaporozhye Europe/Nicosia Asia/Beirut Asia/Nicosia Asia/Famagusta Africa/Cairo Africa/Tripoli " +
    "Asia/Gaza Asia/Hebron Egypt Libya",
  "WET/WEST": "WET Europe/Lisbon Atlantic/Canary Atlantic/Madeira Atlantic/Faroe Atlantic/Faeroe Portugal",
  "GMT/BST": "Europe/London Europe/Guernsey Europe/Isle_of_Man Europe/Jersey GB GB-Eire",
  "GMT/IST": "Europe/Dublin Eire",
  GMT:
    "GMT Etc/GMT Etc/GMT0 Etc/GMT+0 Etc/GMT-0 Etc/Greenwich GMT0 Greenwich Africa/Abidjan Africa/Accra " +
    "Africa/Bamako Africa/Banjul Africa/Bissau Africa/Conakry Africa/Dakar Africa/Freetown Africa/Lome " +
    "Africa/Monrovia Africa/Nouakchott Africa/Ouagadougou Africa/Sao_Tome Atlantic/Reykjavik Atlantic/St_Helena " +
    "America/Danmarkshavn Iceland",
  UTC: "UTC Etc/UTC Etc/UCT Etc/Universal Etc/Zulu UCT Universal Zulu",
  MSK: "Europe/Moscow Europe/Simferopol Europe/Kirov Europe/Volgograd W-SU",
  "EST/EDT":
    "EST5EDT America/New_York America/Detroit America/Toronto America/Montreal America/Nassau America/Iqaluit " +
    "America/Nipigon America/Thunder_Bay America/Indiana/Indianapolis America/Indianapolis America/Fort_Wayne " +
    "America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay America/Indiana/Vincennes " +
    "America/Indiana/Winamac America/Kentucky/Louisville America/Louisville America/Kentucky/Monticello " +
    "America/Port-au-Prince America/Grand_Turk US/Eastern US/East-Indiana US/Michigan Canada/Eastern",
  EST: "EST America/Panama America/Cancun America/Jamaica America/Cayman America/Atikokan America/Coral_Harbour Jamaica",
  "CST/CDT":
    "CST6CDT America/Chicago America/Winnipeg America/Indiana/Knox America/Knox_IN America/Indiana/Tell_City " +
    "America/Menominee America/North_Dakota/Center America/North_Dakota/New_Salem America/North_Dakota/Beulah " +
    "America/Matamoros America/Rainy_River America/Rankin_Inlet America/Resolute America/Mexico_City " +
    "America/Monterrey America/Merida America/Bahia_Banderas America/Chihuahua America/Havana US/Central " +
    "US/Indiana-Starke Canada/Central Mexico/General Cuba",
  CST:
    "America/Regina America/Swift_Current America/Belize America/Costa_Rica America/El_Salvador America/Guatemala " +
    "America/Tegucigalpa America/Managua Canada/Saskatchewan Asia/Shanghai Asia/Chongqing Asia/Chungking " +
    "Asia/Harbin Asia/Macau Asia/Macao Asia/Taipei PRC ROC",
  "MST/MDT":
    "MST7MDT America/Denver America/Edmonton America/Boise America/Cambridge_Bay America/Inuvik " +
    "America/Yellowknife America/Ojinaga America/Ciudad_Juarez America/Shiprock US/Mountain Canada/Mountain Navajo",
  MST: "MST America/Phoenix America/Creston America/Dawson_Creek America/Fort_Nelson America/Hermosillo US/Arizona",
  "PST/PDT": "PST8PDT America/Los_Angeles America/Vancouver America/Tijuana America/Ensenada US/Pacific Canada/Pacific",
  "AKST/AKDT":
    "America/Anchorage America/Juneau America/Nome America/Sitka America/Yakutat America/Metlakatla US/Alaska",
  HST: "HST Pacific/Honolulu Pacific/Johnston US/Hawaii",
  "HST/HDT": "America/Adak America/Atka US/Aleutian",
  "AST/ADT":
    "America/Halifax America/Glace_Bay America/Goose_Bay America/Moncton America/Thule Atlantic/Bermuda Canada/Atlantic",
  AST:
    "America/Puerto_Rico America/Santo_Domingo America/Barbados America/Martinique America/Port_of_Spain " +
    "America/Curacao America/Aruba America/St_Thomas America/Anguilla America/Antigua America/Dominica " +
    "America/Grenada America/Guadeloupe America/Montserrat America/St_Kitts America/St_Lucia America/St_Vincent " +
    "America/Tortola America/Virgin Asia/Riyadh Asia/Baghdad Asia/Kuwait Asia/Qatar Asia/Bahrain Asia/Aden",
  "NST/NDT": "America/St_Johns Canada/Newfoundland",
  JST: "Asia/Tokyo Japan",
  KST: "Asia/Seoul ROK",
  HKT: "Asia/Hong_Kong Hongkong",
  SGT: "Asia/Singapore Singapore",
  IST: "Asia/Kolkata Asia/Calcutta",
  "IST/IDT": "Asia/Jerusalem Asia/Tel_Aviv Israel",
  "IRST/IRDT": "Asia/Tehran Iran",
  PKT: "Asia/Karachi",
  ICT: "Asia/Bangkok Asia/Ho_Chi_Minh Asia/Saigon Asia/Phnom_Penh Asia/Vientiane",
  WIB: "Asia/Jakarta Asia/Pontianak",
  GST: "Asia/Dubai Asia/Muscat",
  MYT: "Asia/Kuala_Lumpur Asia/Kuching",
  NPT: "Asia/Kathmandu Asia/Katmandu",
  AFT: "Asia/Kabul",
  BDT: "Asia/Dhaka Asia/Dacca",
  "AEST/AEDT":
    "Australia/Sydney Australia/Melbourne Australia/Hobart Australia/Canberra Australia/Currie Australia/ACT " +
    "Australia/NSW Australia/Victoria Australia/Tasmania",
  AEST: "Australia/Brisbane Australia/Lindeman Australia/Queensland",
  "ACST/ACDT": "Australia/Adelaide Australia/Broken_Hill Australia/South Australia/Yancowinna",
  ACST: "Australia/Darwin Australia/North",
  AWST: "Australia/Perth Australia/West",
  "NZST/NZDT": "Pacific/Auckland Antarctica/McMurdo Antarctica/South_Pole NZ",
  SAST: "Africa/Johannesburg Africa/Maseru Africa/Mbabane",
  WAT:
    "Africa/Lagos Africa/Kinshasa Africa/Luanda Africa/Douala Africa/Libreville Africa/Malabo Africa/Niamey " +
    "Africa/Porto-Novo Africa/Bangui Africa/Brazzaville Africa/Ndjamena",
  EAT:
    "Africa/Nairobi Africa/Addis_Ababa Africa/Asmara Africa/Dar_es_Salaam Africa/Djibouti Africa/Kampala " +
    "Africa/Mogadishu Indian/Antananarivo Indian/Comoro Indian/Mayotte",
  CAT: "Africa/Maputo Africa/Harare Africa/Lusaka Africa/Lubumbashi Africa/Blantyre Africa/Bujumbura Africa/Gaborone Africa/Kigali",
  BRT: "America/Sao_Paulo America/Bahia America/Fortaleza America/Recife America/Belem America/Maceio Brazil/East",
  ART: "America/Argentina/Buenos_Aires America/Buenos_Aires America/Argentina/Cordoba America/Cordoba",
  COT: "America/Bogota",
  PET: "America/Lima",
  VET: "America/Caracas",
  "CLT/CLST": "America/Santiago Chile/Continental",
};

const SHORT_BY_ZONE = new Map<string, readonly [string, string]>();
for (const [names, zones] of Object.entries(SHORT_NAMES)) {
  const [standard = names, daylight = standard] = names.split("/");
  for (const zone of zones.split(" ")) SHORT_BY_ZONE.set(zone, [standard, daylight]);
}

/** Zone names → a zone id, for parsing `z`. */
export function zoneForShortName(name: string): string | undefined {
  for (const [zone, [standard, daylight]] of SHORT_BY_ZONE) {
    if (standard === name || daylight === name) return zone;
  }
  return undefined;
}

const SHORT_NAMES_LONGEST_FIRST = [...new Set([...SHORT_BY_ZONE.values()].flat())].sort((a, b) => b.length - a.length);

/** All short names, longest first, for parsing. */
export function shortZoneNames(): readonly string[] {
  return SHORT_NAMES_LONGEST_FIRST;
}

function isDaylight(zone: string, epochMs: number, offsetSeconds: number): boolean {
  const year = new Temporal.ZonedDateTime(BigInt(epochMs) * 1_000_000n, zone).year;
  const january = Temporal.ZonedDateTime.from({ year, month: 1, day: 1, timeZone: zone }).offsetNanoseconds;
  const july = Temporal.ZonedDateTime.from({ year, month: 7, day: 1, timeZone: zone }).offsetNanoseconds;
  return offsetSeconds * 1e9 > Math.min(january, july);
}

const intlCache = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl.DateTimeFormat. */
export function intlFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = intlCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (intlCache.size > 500) intlCache.clear();
    intlCache.set(key, format);
  }
  return format;
}

function intlZoneName(
  zone: string,
  epochMs: number,
  locale: string,
  style: Intl.DateTimeFormatOptions["timeZoneName"],
): string | undefined {
  try {
    const parts = intlFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(new Date(epochMs));
    return parts.find((p) => p.type === "timeZoneName")?.value;
  } catch {
    return undefined;
  }
}

/** Whether a BCP 47 locale is English. */
export function isEnglish(locale: string): boolean {
  return /^en(?:[-_]|$)/i.test(locale);
}

/**
 * Zone text (`z`, `zzzz`, `v`, `vvvv`): an offset zone prints its id; a region prints its
 * localized name for the instant.
 */
export function zoneText(
  zone: JavaZone,
  epochMs: number,
  offsetSeconds: number,
  locale: string,
  style: "short" | "long" | "shortGeneric" | "longGeneric",
): string {
  if (zone.isOffset || zone.temporal !== zone.id) return zone.id;
  if (style === "short" && isEnglish(locale)) {
    const names = SHORT_BY_ZONE.get(zone.id);
    if (names) return isDaylight(zone.temporal, epochMs, offsetSeconds) ? names[1] : names[0];
  }
  return intlZoneName(zone.temporal, epochMs, locale, style) ?? zone.id;
}

/** The locale's text for a zero offset ("GMT" in English, "UTC" in French), for `O` and `ZZZZ`. */
export function gmtText(locale: string): string {
  const text = intlZoneName("UTC", 0, locale, "shortOffset") ?? "GMT";
  // ICU may print the zero offset as "GMT+0"
  return text.replace(/[+\-\u2212]0$/, "");
}

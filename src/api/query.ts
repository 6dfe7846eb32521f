/** Query parameters as Kestra's controllers read them: booleans, integers with a minimum, repeated values. */
import { ApiError } from "./errors.js";

export function booleanParam(url: URL, name: string, fallback = false): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new ApiError("bad-request", `query parameter ${name} must be true or false, got "${raw}"`);
}

export function integerParam(url: URL, name: string, min: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    throw new ApiError("bad-request", `query parameter ${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min) throw new ApiError("unprocessable", `query parameter ${name} must be at least ${min}, got ${value}`);
  return value;
}

/** Every value of a repeatable parameter; Kestra's clients also send `a,b` in one value. */
export function listParam(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/** Kestra's `sort=field:asc|desc` (repeatable), checked against the sortable fields. */
export function sortParam<F extends string>(url: URL, fields: readonly F[]): { field: F; order: "asc" | "desc" }[] {
  return listParam(url, "sort").map((entry) => {
    const [field = "", order = "asc"] = entry.split(":");
    if (!(fields as readonly string[]).includes(field))
      throw new ApiError("bad-request", `cannot sort by "${field}"; sortable fields: ${fields.join(", ")}`);
    if (order !== "asc" && order !== "desc")
      throw new ApiError("bad-request", `sort order of "${field}" must be asc or desc, got "${order}"`);
    return { field: field as F, order };
  });
}

/** Kestra's `labels=key:value` (repeatable). */
export function labelsParam(url: URL): { key: string; value: string }[] {
  return url.searchParams.getAll("labels").map((entry) => {
    const colon = entry.indexOf(":");
    if (colon <= 0) throw new ApiError("bad-request", `label filter must be key:value, got "${entry}"`);
    return { key: entry.slice(0, colon), value: entry.slice(colon + 1) };
  });
}

/** Whether a name is an IANA time zone this runtime knows ("Asia/Karachi"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

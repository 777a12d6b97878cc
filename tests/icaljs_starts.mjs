// Reads .ics files with ical.js (the library of Thunderbird and Nextcloud) and prints, per event, its URL and its
// start in UTC as ical.js computes it from the file's own VTIMEZONE (never the system's zone database).
// Usage: node icaljs_starts.mjs <repo>/node_modules/ical.js/dist/ical.js file.ics ...  -> JSON on stdout
const [lib, ...files] = process.argv.slice(2);
const ICAL = (await import(lib)).default;
const fs = await import("node:fs");
const out = [];
for (const file of files) {
  const cal = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  // Register only this file's VTIMEZONEs, so the times depend on what stogen wrote.
  ICAL.TimezoneService.reset();
  for (const vtz of cal.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  for (const vevent of cal.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    out.push({
      file,
      url: vevent.getFirstPropertyValue("url"),
      date_only: start.isDate,
      start: start.isDate ? start.toString() : start.toUnixTime(),
    });
  }
}
process.stdout.write(JSON.stringify(out));

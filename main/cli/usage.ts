/** The `--help` text. */
export const USAGE = `Usage: profile-desk [--db PATH] <command> [options]

Commands:
  import FILE… [--json] [--progress]
                                   Import RUM event files (NDJSON, JSON array, API pages; .gz ok);
                                   --progress: progress lines even when stderr is not a terminal
  users [options]                  List user profiles
  accounts [options]               List account profiles
  show user|account ID [--json]    One profile: attributes, top pages and actions, sessions, users
  segments list [--entity users|accounts] [--json]
                                   Saved segments with their live counts
  segments save NAME --entity users|accounts (--query Q | --ids FILE.csv) [--replace]
                                   Save a query as a segment, or a static list from a CSV with a
                                   user_id or user_email column (account_id for accounts); ids
                                   that match no profile are named on stderr
  segments delete NAME             Delete a segment
  export users|accounts --out FILE.csv [options]
                                   Every matching profile to CSV (--out - for standard output)
  sessions --interval day|week [options]
                                   Sessions per day or ISO week (Monday, UTC) of the matching users
  sources add --file SOURCE.json [--no-sync] [--replace] [--json]
                                   Save a custom attribute source (CSV, Salesforce or Snowflake)
                                   and its connection, then sync it (see "Sources" below)
  sources list [--json]            Sources with their attributes, last and next sync
  sources sync NAME [--json]       Sync a source now; --json prints the sync report
  sources remove NAME              Remove a source and its attributes everywhere
  connections list [--json]        Saved Salesforce and Snowflake connections (never their secrets)
  connections test NAME            Log in and say who the source says we are
  connections forget NAME          Remove a connection and its saved secrets
  feeds add --file FEED.json [--replace] [--pull] [--json] [--progress]
                                   Save a pulled feed (Datadog RUM Events API, URL or folder;
                                   see "Feeds" below); --pull pulls it at once; --replace
                                   changes a saved one (secrets left out are kept)
  feeds list [--json]              Feeds with where they read, schedule, time covered, last pull
  feeds pull NAME [--json] [--progress]
                                   Pull a feed now; --json prints the pull report
                                   ({"pages","events","imported","from","to",…}); Ctrl-C
                                   cancels; --progress as for import
  feeds pause NAME, feeds resume NAME
                                   Stop or restart a feed's scheduled pulls
  feeds remove NAME                Remove a feed (the profiles it imported stay)
  serve [--port N] [--max-upload SIZE]
                                   Serve the app to a browser on 127.0.0.1 (prints the URL);
                                   --max-upload: largest file a browser may send (default 20GB)

Options for users and accounts:
  --sort KEY[:asc|desc]            Sort by a profile attribute (e.g. --sort last_seen:desc)
  --limit N                        Show N rows (default 50)
  --all                            Show every row
  --json                           Print a JSON array of rows

Selecting profiles (users, accounts, export, sessions):
  --query Q                        A query, e.g. 'first_country_code:FR last_seen:>now-7d'
                                   (write --query=-key:… for a query starting with "-")
  --segment NAME                   Only the profiles of a saved segment (ANDed with --query)

Options for export:
  --columns a,b,c                  Columns in this order (default: every attribute)
  --sort KEY[:asc|desc]            Row order
  --no-formula-guard               Keep cells starting with = + - @ as they are (default: a
                                   leading ' stops spreadsheets from running them)
  --bom                            Start with a UTF-8 byte order mark (for Excel)
  --progress                       Progress lines on stderr even when it is not a terminal
  Ctrl-C cancels; a cancelled export leaves no file.

Options for sessions:
  --from T, --to T                 The range: dates, ISO times or relative (now-30d); default:
                                   the last 90 days of the store's data
  --breakdown KEY [--top N]        One series per value of a user attribute (top N, default 5,
                                   then "other")
  --json                           A JSON array of {"bucket","sessions"[,"value"]}, empty
                                   buckets included

Sources (SOURCE.json describes one source; custom attributes then appear in users, accounts,
show, export and queries under their names):
  {"name": "crm", "kind": "csv"|"salesforce"|"snowflake", "entity": "users"|"accounts",
   "path": "ltv.csv" (CSV only; relative to the JSON file),
   "connection": {…} (Salesforce, Snowflake: flat fields, or the name of a saved connection),
   "table": "Contact" | "DB.SCHEMA.TABLE", "join": {"column": "Email", "attribute": "user_email"},
   "attributes": [{"column": "LTV__c", "name": "ltv", "type": "number"}, …],
   "schedule": "manual"|"hourly"|"daily"|{"everyMinutes": N}}
  Any connection field may be {"env": "VAR"}: read from the environment, never written in the
  file. Secrets are kept encrypted with a key file beside the store (secrets.key, 0600).
  Sync failures exit 1 with the reason on stderr, keeping the previous values.

Feeds (FEED.json describes one feed):
  {"name": "prod", "kind": "datadog", "site": "datadoghq.eu" (default datadoghq.com),
   "baseUrl": "https://proxy.example/" (instead of the site's API), "apiKey": …, "appKey": …,
   "query": "@type:(view OR action)" (default *), "from": "2025-03-01"|"now-7d" (the first
   pull's start), "lookbackMinutes": 15, "schedule": "manual"|"hourly"|"daily"|{"everyMinutes": N}}
  {"name": "export", "kind": "url", "url": "https://…/events.ndjson.gz",
   "headers": {"Authorization": "Bearer …"}}
  {"name": "drop", "kind": "folder", "path": "incoming" (relative to the JSON file)}
  apiKey, appKey and header values may be {"env": "VAR"}, read from the environment; they are
  kept encrypted like connections' secrets, and never printed. A pull continues where the
  last one ended; a failed or cancelled one keeps what it committed and the next resumes from
  there. The CLI pulls only when asked: schedules and watched folders run in the app and serve.
  A failed pull exits 1 with the reason on stderr; a malformed FEED.json exits 2.

Global options:
  --db PATH                        The profiles database (default: $PROFILE_DESK_DB, else the
                                   desktop app's: ~/.config/Profile Desk/profiles.db on Linux,
                                   ~/Library/Application Support/Profile Desk/profiles.db on
                                   macOS, %APPDATA%\\Profile Desk\\profiles.db on Windows)
  --help, -h                       Show this help
  --version                        Show the version

Output: results (summaries, listings, JSON, CSV) on stdout; errors, failed files, skipped
records and progress on stderr (with export --out -, the summary too). users, accounts, show,
segments, export, sessions, connections, sources list|sync|remove and feeds list|pull|pause|
resume|remove never create a store: without one they fail.

Exit status: 0 success, 1 failure (e.g. a file could not be imported), 2 wrong usage (a bad
query or an unknown segment included), 130 interrupted.
`;

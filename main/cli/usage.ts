/** The `--help` text. */
export const USAGE = `Usage: profile-desk [--db PATH] <command> [options]

Commands:
  import FILE… [--json] [--progress]
                                   Import RUM event files (NDJSON, JSON array, API pages; .gz ok);
                                   --progress: progress lines even when stderr is not a terminal
  users [options]                  List user profiles
  accounts [options]               List account profiles
  show user|account ID [--json]    One profile: attributes, top pages and actions, sessions, users
  serve [--port N] [--max-upload SIZE]
                                   Serve the app to a browser on 127.0.0.1 (prints the URL);
                                   --max-upload: largest file a browser may send (default 20GB)

Options for users and accounts:
  --sort KEY[:asc|desc]            Sort by a profile attribute (e.g. --sort last_seen:desc)
  --limit N                        Show N rows (default 50)
  --all                            Show every row
  --json                           Print a JSON array of rows

Global options:
  --db PATH                        The profiles database (default: $PROFILE_DESK_DB, else the
                                   desktop app's: ~/.config/Profile Desk/profiles.db on Linux,
                                   ~/Library/Application Support/Profile Desk/profiles.db on
                                   macOS, %APPDATA%\\Profile Desk\\profiles.db on Windows)
  --help, -h                       Show this help
  --version                        Show the version

Output: results (summaries, listings, JSON) on stdout; errors, failed files, skipped records
and progress on stderr. users, accounts and show never create a store: without one they fail.

Exit status: 0 success, 1 failure (e.g. a file could not be imported), 2 wrong usage,
130 interrupted.
`;

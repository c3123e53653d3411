/* test-store.c: the record file as a person edits it: read whole or not at
 * all, every problem reported as FILE:LINE: message with the line they must
 * look at, written back atomically with the old version kept
 *
 * the line numbers below were counted by hand in the texts, never copied
 * from the loader's output */
#include "config.h"

#include <stdlib.h>

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "followup-engine.h"
#include "followup-error.h"
#include "followup-store.h"
#include "followup-variant.h"
#include "followup-time.h"

/* assertions are not fatal (see main), so stop before using what is missing */
#define REQUIRE(x)        \
  G_STMT_START            \
  {                       \
    g_assert_nonnull (x); \
    if ((x) == NULL)      \
      return;             \
  }                       \
  G_STMT_END

typedef struct {
  char *dir;
  GTimeZone *user_tz;
} Fixture;

typedef struct {
  int line;
  const char *words; /* a piece of the message that tells the person what is wrong */
} Expected;

typedef struct {
  const char *path;
  const char *text;
  gssize length; /* -1: text is NUL-terminated */
  Expected problems[4];
} ProblemCase;

/* everything the format can hold: policy, contacts with and without their
 * own zone, every event type and outcome, int and int64 numbers, escapes */
static const char rich_text[] =
  "# my interviews, by hand\n"
  "version = 1;\n"
  "policy = {\n"
  "  call_windows = [ \"09:30-10:30\", \"15:00-16:00\" ];\n"
  "  workdays = [ \"Mon\", \"Tue\", \"Wed\", \"Thu\" ];\n"
  "  holidays = [ \"2026-12-24\", \"2026-12-25\" ];\n"
  "  quiet_hours = \"22:00-07:30\";\n"
  "  thank_you_within_hours = 12;\n"
  "  follow_up_email_after_days = 5;\n"
  "  call_without_timeline_after_days = 10;\n"
  "  max_calls = 3;\n"
  "  call_retry_after_workdays = 4;\n"
  "  move_on_after_days = 9L;\n"
  "};\n"
  "interviews = (\n"
  "  {\n"
  "    id = \"acme-analyst\";\n"
  "    company = \"Acme Corp\";\n"
  "    role = \"Data Analyst\";\n"
  "    interviewed_at = \"2026-11-20 14:00\";\n"
  "    timezone = \"America/New_York\";\n"
  "    contacts = ( { name = \"Jane Doe\"; email = \"jane@acme.example\";\n"
  "                   phone = \"+1 555 0100\"; prefers = \"phone\"; },\n"
  "                 { name = \"Kenji Sato\"; timezone = \"Asia/Tokyo\"; prefers = \"email\"; } );\n"
  "    decision_in_days = 7;\n"
  "    status = \"waiting\";\n"
  "    events = ( { type = \"thank-you\"; at = \"2026-11-20 18:30\"; contact = \"Jane Doe\"; },\n"
  "               { type = \"thank-you\"; at = \"2026-11-20 19:00\"; },\n"
  "               { type = \"email\"; at = \"2026-11-27 14:10\"; notes = \"sent the link\"; },\n"
  "               { type = \"call\"; at = \"2026-11-30 10:05\"; outcome = \"voicemail\"; },\n"
  "               { type = \"call\"; at = \"2026-12-03 10:10\"; outcome = \"no-answer\"; },\n"
  "               { type = \"call\"; at = \"2026-12-08T15:20:00-05:00\"; outcome = \"reached\"; } "
  ");\n"
  "    notes = \"Asked about the stack.\\nSecond line\\twith a tab, \\\"quotes\\\", a \\\\ and "
  "ünïcødé ✓ 株式会社\";\n"
  "  },\n"
  "  {\n"
  "    company = \"Blau GmbH\";   # no id: one is made up\n"
  "    interviewed_at = \"2026-11-02T09:00:00+01:00\";\n"
  "    decision_by = \"2026-11-16\";\n"
  "    status = \"no-opening\";\n"
  "    status_at = \"2026-11-10 11:00\";\n"
  "    contacts = ( );\n"
  "    events = ( { type = \"response\"; at = \"2026-11-10 11:00\"; decision_in_days = 30L; },\n"
  "               { type = \"keep-in-touch\"; at = \"2026-12-10 10:00\"; } );\n"
  "    notes = \"\";\n"
  "  },\n"
  "  {\n"
  "    id = \"pacific.co_2\";\n"
  "    company = \"Pacific Co\";\n"
  "    interviewed_at = \"2026-10-31 14:00\";\n"
  "    timezone = \"America/Los_Angeles\";\n"
  "    status = \"rejected\";\n"
  "    events = ( { type = \"response\"; at = \"2026-11-04 16:30\"; decision_by = \"2026-11-11\"; "
  "} );\n"
  "  }\n"
  ");\n";

/* a small file a person might have: one record, a comment */
static const char small_text[] = "# keep this comment in the backup\n"
                                 "version = 1;\n"
                                 "interviews = ( { id = \"old\"; company = \"Old Co\"; "
                                 "interviewed_at = \"2026-11-02 10:00\"; } );\n";

#define OK_RECORD "  { company = \"Good Co\"; interviewed_at = \"2026-11-20 14:00\"; },\n"

static const ProblemCase problem_cases[] = {
  { "/store/problems/syntax-error",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = ;\n"                            /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "  }\n"                                        /* 6 */
    ");\n",
    -1,
    { { 4, "syntax error" } } },
  { "/store/problems/missing-company",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    OK_RECORD                                      /* 3 */
    "  {\n"                                        /* 4 */
    "    role = \"Analyst\";\n"                    /* 5 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 6 */
    "  }\n"                                        /* 7 */
    ");\n",
    -1,
    { { 4, "company: is required" } } },
  { "/store/problems/bad-interviewed-at",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"Acme\";\n"                    /* 4 */
    "    interviewed_at = \"20.11.2026 14:00\";\n" /* 5 */
    "  }\n"                                        /* 6 */
    ");\n",
    -1,
    { { 5, "interviewed_at: cannot read the time “20.11.2026 14:00”" } } },
  { "/store/problems/unknown-zone",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"Acme\";\n"                    /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "\n"                                           /* 6 */
    "    timezone = \"America/Gotham\";\n"         /* 7 */
    "  }\n"                                        /* 8 */
    ");\n",
    -1,
    { { 7, "unknown time zone “America/Gotham”" } } },
  { "/store/problems/unknown-contact-zone",
    "version = 1;\n"                                          /* 1 */
    "interviews = (\n"                                        /* 2 */
    "  {\n"                                                   /* 3 */
    "    company = \"Acme\";\n"                               /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n"            /* 5 */
    "    contacts = ( { name = \"Jane\"; },\n"                /* 6 */
    "                 { name = \"Kenji\";\n"                  /* 7 */
    "                   timezone = \"Asia/Atlantis\"; } );\n" /* 8 */
    "  }\n"                                                   /* 9 */
    ");\n",
    -1,
    { { 8, "contacts.2.timezone" } } },
  { "/store/problems/unknown-status",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"Acme\";\n"                    /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "    status = \"ghosted\";\n"                  /* 6 */
    "  }\n"                                        /* 7 */
    ");\n",
    -1,
    { { 6, "unknown status “ghosted”" } } },
  { "/store/problems/unknown-event-type",
    "version = 1;\n"                                                         /* 1 */
    "interviews = (\n"                                                       /* 2 */
    "  {\n"                                                                  /* 3 */
    "    company = \"Acme\";\n"                                              /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n"                           /* 5 */
    "    events = ( { type = \"thank-you\"; at = \"2026-11-20 18:00\"; },\n" /* 6 */
    "               { at = \"2026-11-21 12:00\";\n"                          /* 7 */
    "                 type = \"lunch\"; } );\n"                              /* 8 */
    "  }\n"                                                                  /* 9 */
    ");\n",
    -1,
    { { 8, "unknown event type “lunch”" } } },
  { "/store/problems/unknown-outcome",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"Acme\";\n"                    /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "    events = (\n"                             /* 6 */
    "      {\n"                                    /* 7 */
    "        type = \"call\";\n"                   /* 8 */
    "        at = \"2026-11-30 10:05\";\n"         /* 9 */
    "        outcome = \"busy\";\n"                /* 10 */
    "      }\n"                                    /* 11 */
    "    );\n"                                     /* 12 */
    "  }\n"                                        /* 13 */
    ");\n",
    -1,
    { { 10, "unknown outcome “busy”" } } },
  { "/store/problems/call-without-outcome",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"Acme\";\n"                    /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "    events = (\n"                             /* 6 */
    "      {\n"                                    /* 7 */
    "        type = \"call\";\n"                   /* 8 */
    "        at = \"2026-11-30 10:05\";\n"         /* 9 */
    "      }\n"                                    /* 10 */
    "    );\n"                                     /* 11 */
    "  }\n"                                        /* 12 */
    ");\n",
    -1,
    { { 7, "a call needs an outcome" } } },
  { "/store/problems/duplicate-id",
    "version = 1;\n"                                                                     /* 1 */
    "interviews = (\n"                                                                   /* 2 */
    "  { id = \"acme\"; company = \"Acme\"; interviewed_at = \"2026-11-20 14:00\"; },\n" /* 3 */
    "  {\n"                                                                              /* 4 */
    "    company = \"Acme Again\";\n"                                                    /* 5 */
    "    interviewed_at = \"2026-11-21 14:00\";\n"                                       /* 6 */
    "    id = \"acme\";\n"                                                               /* 7 */
    "  }\n"                                                                              /* 8 */
    ");\n",
    -1,
    { { 7, "already used" } } },
  { "/store/problems/bad-policy-value",
    "version = 1;\n"                   /* 1 */
    "policy = {\n"                     /* 2 */
    "  thank_you_within_hours = 24;\n" /* 3 */
    "  max_calls = 9;\n"               /* 4 */
    "  move_on_after_days = 7;\n"      /* 5 */
    "};\n"                             /* 6 */
    "interviews = ( );\n",
    -1,
    { { 4, "max_calls: must be between 1 and 3, not 9" } } },
  { "/store/problems/bad-policy-window",
    "version = 1;\n"                                           /* 1 */
    "policy = {\n"                                             /* 2 */
    "  workdays = [ \"Mon\", \"Tue\" ];\n"                     /* 3 */
    "  call_windows = [ \"10:00-11:00\", \"12:00-13:00\" ];\n" /* 4 */
    "};\n"
    "interviews = ( );\n",
    -1,
    { { 4, "lunch" } } },
  { "/store/problems/unknown-top-level-key",
    "version = 1;\n"                /* 1 */
    "\n"                            /* 2 */
    "polcy = { max_calls = 2; };\n" /* 3 */
    "interviews = ( );\n",
    -1,
    { { 3, "unknown key “polcy” at the top level" } } },
  { "/store/problems/unknown-record-key",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"Acme\";\n"                    /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "    salary = 100000;\n"                       /* 6 */
    "  }\n"                                        /* 7 */
    ");\n",
    -1,
    { { 6, "salary: unknown key" } } },
  { "/store/problems/unknown-contact-key",
    "version = 1;\n"                                 /* 1 */
    "interviews = (\n"                               /* 2 */
    "  {\n"                                          /* 3 */
    "    company = \"Acme\";\n"                      /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n"   /* 5 */
    "    contacts = ( { name = \"Jane\";\n"          /* 6 */
    "                   linkedin = \"jdoe\"; } );\n" /* 7 */
    "  }\n"                                          /* 8 */
    ");\n",
    -1,
    { { 7, "contacts.1.linkedin: unknown key" } } },
  { "/store/problems/bad-version",
    "version = 2;\n" /* 1 */
    "interviews = ( );\n",
    -1,
    { { 1, "version" } } },
  { "/store/problems/interviews-not-a-list",
    "version = 1;\n"     /* 1 */
    "\n"                 /* 2 */
    "interviews = 3;\n", /* 3 */
    -1,
    { { 3, "interviews: expected a list" } } },
  { "/store/problems/interview-not-a-group",
    "version = 1;\n"                                                     /* 1 */
    "interviews = (\n"                                                   /* 2 */
    OK_RECORD                                                            /* 3 */
    "  \"Acme Corp\",\n"                                                 /* 4 */
    "  { company = \"Blau\"; interviewed_at = \"2026-11-20 14:00\"; }\n" /* 5 */
    ");\n",
    -1,
    { { 4, "expected a group" } } },
  { "/store/problems/not-utf8-company",
    "version = 1;\n"                               /* 1 */
    "interviews = (\n"                             /* 2 */
    "  {\n"                                        /* 3 */
    "    company = \"M\xfcller GmbH\";\n"          /* 4 */
    "    interviewed_at = \"2026-11-20 14:00\";\n" /* 5 */
    "  }\n"                                        /* 6 */
    ");\n",
    -1,
    { { 4, "company is not valid UTF-8" } } },
  { "/store/problems/not-utf8-policy-list",
    "version = 1;\n"                                   /* 1 */
    "policy = {\n"                                     /* 2 */
    "  holidays = [ \"2026-12-25\", \"2026-12-26\",\n" /* 3 */
    "               \"Wei\xdfnachten\" ];\n"           /* 4 */
    "};\n"
    "interviews = ( );\n",
    -1,
    { { 4, "holidays" } } },
  { "/store/problems/nul-byte",
    "version = 1;\n"                                 /* 1 */
    "interviews = (\n"                               /* 2 */
    "  {\n"                                          /* 3 */
    "    company = \"Acme\";\n"                      /* 4 */
    "    interviewed_at = \"2026-11-20\0 14:00\";\n" /* 5 */
    "  }\n"                                          /* 6 */
    ");\n",
    103,
    { { 5, "NUL byte" } } },
  /* what an emptied file, an editor caught half-way or a stray line looks
   * like: refused, never read as a file with no interviews */
  { "/store/problems/empty", "", -1, { { 1, "empty" } } },
  { "/store/problems/only-whitespace", "  \n\t\n\n", -1, { { 4, "empty" } } },
  { "/store/problems/only-comments", "# nothing yet\n// nor here\n", -1, { { 3, "empty" } } },
  { "/store/problems/prefix-without-interviews",
    "version = 1;\n"                  /* 1 */
    "policy = { max_calls = 3; };\n", /* 2 */
    -1,
    { { 3, "interviews is missing" } } },
  { "/store/problems/no-version",
    "interviews = ( );\n", /* 1 */
    -1,
    { { 2, "version is missing" } } },
  { "/store/problems/include",
    "version = 1;\n"            /* 1 */
    "@include \"other.conf\"\n" /* 2 */
    "interviews = ( );\n",      /* 3 */
    -1,
    { { 2, "@include is not allowed" } } },
  { "/store/problems/not-utf8-outside-strings",
    "version = 1;\n"            /* 1 */
    "interviews = ( ); \xff\n", /* 2 */
    -1,
    { { 2, "not valid UTF-8" } } },
  { "/store/problems/unclosed-string-at-end",
    "version = 1;\n"      /* 1 */
    "interviews = ( );\n" /* 2 */
    "\"half a save\n",    /* 3 */
    -1,
    { { 3, "no closing quote" } } },
  { "/store/problems/unclosed-comment-at-end",
    "version = 1;\n"      /* 1 */
    "interviews = ( );\n" /* 2 */
    "/* half a save\n",   /* 3 */
    -1,
    { { 3, "never closed" } } },
  { "/store/problems/several-records",
    "version = 1;\n"                                                        /* 1 */
    "interviews = (\n"                                                      /* 2 */
    OK_RECORD                                                               /* 3 */
    "  { company = \"A\"; interviewed_at = \"2026-11-31 10:00\"; },\n"      /* 4 */
    OK_RECORD                                                               /* 5 */
    "  { company = \"B\"; interviewed_at = \"2026-11-20 10:00\";\n"         /* 6 */
    "    decision_in_days = \"seven\"; },\n"                                /* 7 */
    "  { company = \"C\"; interviewed_at = \"2026-11-20 10:00\";\n"         /* 8 */
    "    contacts = ( { name = \"Jo\"; }, { name = \"Jo\"; } ); },\n"       /* 9 */
    "  { company = \"Good Co\"; interviewed_at = \"2026-11-20 14:00\"; }\n" /* 10 */
    ");\n",
    -1,
    { { 4, "interviewed_at" },
      { 7, "decision_in_days: must be a whole number" },
      { 9, "“Jo” is listed twice" } } },
  { "/store/problems/policy-and-records",
    "version = 1;\n"                                                 /* 1 */
    "policy = { quiet_hours = \"late\"; };\n"                        /* 2 */
    "interviews = (\n"                                               /* 3 */
    "  { company = \"\"; interviewed_at = \"2026-11-20 10:00\"; }\n" /* 4 */
    ");\n",
    -1,
    { { 2, "quiet_hours" }, { 4, "company: must not be empty" } } },
  /* --check promises every error in one go: a typo at the top must not hide
   * the records' problems */
  { "/store/problems/top-level-key-and-record",
    "version = 1;\n"                                           /* 1 */
    "reminders = 3;\n"                                         /* 2 */
    "interviews = (\n"                                         /* 3 */
    "  { company = \"A\"; interviewed_at = \"yesterday\"; }\n" /* 4 */
    ");\n",
    -1,
    { { 2, "reminders" }, { 4, "interviewed_at" } } },
  { "/store/problems/me-unknown-key",
    "version = 1;\n"                /* 1 */
    "me = {\n"                      /* 2 */
    "  name = \"Sam Lee\";\n"       /* 3 */
    "  mobile = \"+49 30 1234\";\n" /* 4 */
    "};\n"                          /* 5 */
    "interviews = ( );\n",
    -1,
    { { 4, "me: mobile" } } },
  { "/store/problems/me-not-a-group",
    "version = 1;\n"  /* 1 */
    "me = \"Sam\";\n" /* 2 */
    "interviews = ( );\n",
    -1,
    { { 2, "me: expected a group" } } },
};

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL) {
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL) {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
    g_dir_close (dir);
    g_rmdir (path);
  } else {
    g_unlink (path);
  }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("followup-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->user_tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (f->user_tz);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_time_zone_unref (f->user_tz);
}

static char *
write_file (Fixture *f, const char *name, const char *text, gssize length)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static FollowupRecordSet *
load_ok (Fixture *f, const char *path)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  FollowupRecordSet *set = followup_store_load (path, f->user_tz, &problems, &error);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("unexpected problem: %s", (char *) problems->pdata[i]);
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_nonnull (set);
  return set;
}

static void
test_roundtrip_rich (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "followup.conf", rich_text, -1);
  g_autoptr (FollowupRecordSet) first = load_ok (f, path);
  g_autoptr (FollowupRecordSet) second = NULL;
  g_autoptr (GError) error = NULL;

  REQUIRE (first);
  g_assert_cmpuint (first->records->len, ==, 3);
  g_assert_true (followup_store_save (path, first, &error));
  g_assert_no_error (error);
  second = load_ok (f, path);
  REQUIRE (second);

  /* the policy and every record read back exactly as they were */
  g_assert_true (g_variant_equal (second->policy->dict, first->policy->dict));
  g_assert_cmpint (second->policy->max_calls, ==, 3);
  g_assert_cmpint (second->policy->move_on_after_days, ==, 9);
  g_assert_cmpuint (second->records->len, ==, first->records->len);
  for (guint i = 0; i < first->records->len && i < second->records->len; i++) {
    FollowupRecord *a = g_ptr_array_index (first->records, i);
    FollowupRecord *b = g_ptr_array_index (second->records, i);
    g_autofree char *text_a = g_variant_print (a->dict, TRUE);
    g_autofree char *text_b = g_variant_print (b->dict, TRUE);

    g_assert_cmpstr (b->id, ==, a->id);
    g_assert_cmpstr (text_b, ==, text_a);
    g_assert_true (g_variant_equal (b->dict, a->dict));
    g_assert_cmpuint (b->events->len, ==, a->events->len);
    g_assert_cmpuint (b->contacts->len, ==, a->contacts->len);
  }
}

/* what the person wrote survives a save character for character: with no
 * record changed, not one byte of the file changes, comments included */
static void
test_roundtrip_values (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "followup.conf", rich_text, -1);
  g_autoptr (FollowupRecordSet) first = load_ok (f, path);
  g_autoptr (FollowupRecordSet) second = NULL;
  g_autofree char *saved = NULL;
  FollowupRecord *acme, *blau;
  const char *notes = NULL;
  gint64 days = 0;
  g_autoptr (GVariant) events = NULL;
  g_autoptr (GVariant) response = NULL;

  REQUIRE (first);
  g_assert_true (followup_store_save (path, first, NULL));
  saved = read_file (path);
  g_assert_cmpstr (saved, ==, rich_text);
  second = load_ok (f, path);
  REQUIRE (second);
  acme = followup_record_set_lookup (second, "acme-analyst");
  blau = followup_record_set_lookup (second, "blau-gmbh");
  REQUIRE (acme);
  REQUIRE (blau);
  g_assert_true (g_variant_lookup (acme->dict, "notes", "&s", &notes));
  g_assert_cmpstr (notes, ==,
                   "Asked about the stack.\nSecond line\twith a tab, \"quotes\", a \\ and "
                   "ünïcødé ✓ 株式会社");
  /* 30L stays a 64-bit number, 7 an ordinary one */
  events = g_variant_lookup_value (blau->dict, "events", G_VARIANT_TYPE ("aa{sv}"));
  REQUIRE (events);
  response = g_variant_get_child_value (events, 0);
  g_assert_true (g_variant_lookup (response, "decision_in_days", "x", &days));
  g_assert_cmpint (days, ==, 30);
  g_assert_cmpint (acme->decision_in_days, ==, 7);
  g_assert_cmpint (blau->decision_in_days, ==, 14);
  g_assert_cmpuint (blau->contacts->len, ==, 0);
  /* the comments stay */
  g_assert_nonnull (strstr (saved, "by hand"));
  g_assert_nonnull (strstr (saved, "made up"));
}

/* saving what was just loaded changes nothing: no churn in the file */
static void
test_save_stable (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "followup.conf", rich_text, -1);
  g_autoptr (FollowupRecordSet) first = load_ok (f, path);
  g_autoptr (FollowupRecordSet) second = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;

  REQUIRE (first);
  g_assert_true (followup_store_save (path, first, NULL));
  once = read_file (path);
  second = load_ok (f, path);
  REQUIRE (second);
  g_assert_true (followup_store_save (path, second, NULL));
  twice = read_file (path);
  g_assert_cmpstr (twice, ==, once);
}

static void
test_save_header_mode_backup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "followup.conf", small_text, -1);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *rich_path = write_file (f, "rich.conf", rich_text, -1);
  g_autoptr (FollowupRecordSet) rich = load_ok (f, rich_path);
  g_autoptr (FollowupRecordSet) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *first_save = NULL;
  GStatBuf st;

  REQUIRE (rich);
  /* the person's editor made it world-readable; interview notes are private */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (followup_store_save (path, rich, &error));
  g_assert_no_error (error);

  saved = read_file (path);
  /* the person's own lines stay where they were */
  g_assert_true (g_str_has_prefix (saved, "# keep this comment in the backup\nversion = 1;\n"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* the version it replaced, comments and all, is kept beside it */
  kept = read_file (backup);
  g_assert_cmpstr (kept, ==, small_text);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* the next save keeps the first rewrite, not the hand-written original */
  first_save = g_strdup (saved);
  again = load_ok (f, rich_path);
  REQUIRE (again);
  g_assert_true (followup_store_save (path, again, NULL));
  g_free (kept);
  kept = read_file (backup);
  g_assert_cmpstr (kept, ==, first_save);
}

/* the first save creates the folders, private, and there is nothing to back up */
static void
test_save_new_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "config", "followup", "followup.conf", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (FollowupRecordSet) empty = followup_record_set_new (NULL);
  g_autoptr (FollowupRecordSet) back = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  g_autofree char *saved = NULL;

  g_assert_true (followup_store_save (path, empty, &error));
  g_assert_no_error (error);
  saved = read_file (path);
  g_assert_true (g_str_has_prefix (saved, followup_doc_header));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  back = load_ok (f, path);
  REQUIRE (back);
  g_assert_cmpuint (back->records->len, ==, 0);
}

static void
assert_ids (Fixture *f, const char *text, const char *const *ids)
{
  g_autofree char *full = g_strconcat ("version = 1;\n", text, NULL);
  g_autofree char *path = write_file (f, "ids.conf", full, -1);
  g_autoptr (FollowupRecordSet) set = load_ok (f, path);

  REQUIRE (set);
  g_assert_cmpuint (set->records->len, ==, g_strv_length ((char **) ids));
  for (guint i = 0; i < set->records->len && ids[i] != NULL; i++) {
    FollowupRecord *r = g_ptr_array_index (set->records, i);

    g_assert_cmpstr (r->id, ==, ids[i]);
    g_assert_true (followup_record_set_lookup (set, ids[i]) == r);
  }
}

static void
test_ids_generated (Fixture *f, gconstpointer data)
{
  const char *const two_acme[] = { "acme", "acme-2", NULL };
  const char *const with_role[] = { "acme-analyst", "acme-analyst-2", "acme-engineer", NULL };

  assert_ids (f,
              "interviews = (\n"
              "  { company = \"Acme\"; interviewed_at = \"2026-11-20 14:00\"; },\n"
              "  { company = \"Acme\"; interviewed_at = \"2026-11-21 14:00\"; }\n"
              ");\n",
              two_acme);
  assert_ids (
    f,
    "interviews = (\n"
    "  { company = \"Acme\"; role = \"Analyst\"; interviewed_at = \"2026-11-20 14:00\"; },\n"
    "  { company = \"ACME\"; role = \"analyst\"; interviewed_at = \"2026-11-21 14:00\"; },\n"
    "  { company = \"Acme\"; role = \"Engineer\"; interviewed_at = \"2026-11-22 14:00\"; }\n"
    ");\n",
    with_role);
}

/* an id written in the file is the person's: a made-up one steps aside,
 * wherever in the file the written one stands */
static void
test_ids_explicit_wins (Fixture *f, gconstpointer data)
{
  const char *const later[] = { "acme-2", "acme", NULL };
  const char *const taken_suffix[] = { "acme", "acme-3", "acme-2", NULL };
  g_autofree char *path = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;
  FollowupRecord *mine;

  assert_ids (f,
              "interviews = (\n"
              "  { company = \"Acme\"; interviewed_at = \"2026-11-20 14:00\"; },\n"
              "  { id = \"acme\"; company = \"Acme\"; role = \"Mine\";\n"
              "    interviewed_at = \"2026-11-21 14:00\"; }\n"
              ");\n",
              later);
  path = g_build_filename (f->dir, "ids.conf", NULL);
  set = load_ok (f, path);
  REQUIRE (set);
  mine = followup_record_set_lookup (set, "acme");
  REQUIRE (mine);
  g_assert_cmpstr (mine->role, ==, "Mine");

  assert_ids (f,
              "interviews = (\n"
              "  { company = \"Acme\"; interviewed_at = \"2026-11-20 14:00\"; },\n"
              "  { company = \"Acme\"; interviewed_at = \"2026-11-21 14:00\"; },\n"
              "  { id = \"acme-2\"; company = \"Acme\"; interviewed_at = \"2026-11-22 14:00\"; }\n"
              ");\n",
              taken_suffix);
}

/* the set with every record's notes changed: an edit of each */
static FollowupRecordSet *
with_notes (Fixture *f, FollowupRecordSet *set, const char *notes)
{
  FollowupRecordSet *copy = followup_record_set_copy (set);

  for (guint i = 0; i < set->records->len; i++) {
    FollowupRecord *r = set->records->pdata[i];
    g_autoptr (GVariant) dict =
      followup_variant_set (r->dict, "notes", g_variant_new_string (notes));
    g_autoptr (FollowupRecord) edited =
      followup_record_new_from_variant (dict, f->user_tz, NULL, NULL);

    followup_record_set_apply (copy, r->id, edited);
  }
  return copy;
}

/* a made-up id is written into the file on the record's first edit, so it
 * is the same on every load after; a save that changes nothing writes none */
static void
test_ids_stable (Fixture *f, gconstpointer data)
{
  static const char text[] = "version = 1;\n"
                             "interviews = (\n"
                             "  { company = \"Acme\"; interviewed_at = \"2026-11-20 14:00\"; },\n"
                             "  { company = \"Acme\"; interviewed_at = \"2026-11-21 14:00\"; }\n"
                             ");\n";
  g_autofree char *path = write_file (f, "followup.conf", text, -1);
  g_autoptr (FollowupRecordSet) first = load_ok (f, path);
  g_autoptr (FollowupRecordSet) second = NULL;
  g_autoptr (FollowupRecordSet) edited = NULL;
  g_autofree char *hand_edit = NULL;
  g_autoptr (FollowupRecordSet) third = NULL;
  g_autofree char *saved = NULL;

  REQUIRE (first);
  g_assert_true (followup_store_save (path, first, NULL));
  saved = read_file (path);
  g_assert_cmpstr (saved, ==, text);
  edited = with_notes (f, first, "asked about the team");
  g_assert_true (followup_store_save (path, edited, NULL));
  second = load_ok (f, path);
  REQUIRE (second);
  g_assert_cmpstr (((FollowupRecord *) second->records->pdata[1])->id, ==, "acme-2");
  g_free (saved);
  saved = read_file (path);
  g_assert_nonnull (strstr (saved, "{ id = \"acme\"; company = \"Acme\";"));

  /* the person then adds an Acme interview at the top: the old ones keep theirs */
  hand_edit = g_strconcat ("version = 1;\n"
                           "interviews = (\n"
                           "  { company = \"Acme\"; interviewed_at = \"2026-12-01 14:00\"; },\n",
                           strstr (saved, "interviews = (") + strlen ("interviews = ("), NULL);
  g_assert_true (g_file_set_contents (path, hand_edit, -1, NULL));
  third = load_ok (f, path);
  REQUIRE (third);
  g_assert_cmpuint (third->records->len, ==, 3);
  g_assert_cmpstr (((FollowupRecord *) third->records->pdata[1])->id, ==, "acme");
  g_assert_cmpstr (((FollowupRecord *) third->records->pdata[2])->id, ==, "acme-2");
  g_assert_cmpstr (((FollowupRecord *) third->records->pdata[0])->id, ==, "acme-3");
}

static void
run_problem_case (Fixture *f, const ProblemCase *c)
{
  g_autofree char *path = write_file (f, "broken.conf", c->text, c->length);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecordSet) set = followup_store_load (path, f->user_tz, &problems, &error);
  guint expected = 0;

  while (expected < G_N_ELEMENTS (c->problems) && c->problems[expected].words != NULL)
    expected++;
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);

  /* all or nothing: no partial set */
  g_assert_null (set);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_CONFIG_BROKEN);
  REQUIRE (problems);
  g_assert_cmpuint (problems->len, ==, expected);
  if (error != NULL && problems->len > 0)
    g_assert_cmpstr (error->message, ==, problems->pdata[0]);
  for (guint i = 0; i < expected && i < problems->len; i++) {
    const char *text = problems->pdata[i];
    g_autofree char *prefix = g_strdup_printf ("%s:%d: ", path, c->problems[i].line);

    g_assert_true (g_utf8_validate (text, -1, NULL));
    g_assert_null (strchr (text, '\n'));
    g_assert_null (strstr (text, "(null)"));
    if (!g_str_has_prefix (text, prefix))
      g_test_message ("expected line %d: %s", c->problems[i].line, text);
    g_assert_true (g_str_has_prefix (text, prefix));
    g_assert_nonnull (strstr (text, c->problems[i].words));
  }
  /* the parent shows only this process's stderr */
  for (guint i = 0; g_test_failed () && problems != NULL && i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
}

/* each case runs in its own process: a crash or a GLib critical in the
 * loader fails that case, not every case after it */
static void
test_problem_case (Fixture *f, gconstpointer data)
{
  if (g_test_subprocess ()) {
    run_problem_case (f, data);
    return;
  }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "nowhere.conf", NULL);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupRecordSet) set = followup_store_load (path, f->user_tz, &problems, &error);

  g_assert_null (set);
  g_assert_null (problems);
  /* only this is absence; every other failure to read is a problem */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, path));
}

/* an empty list is fine: defaults, nothing scheduled */
static void
test_no_records (Fixture *f, gconstpointer data)
{
  g_autofree char *path =
    write_file (f, "none.conf", "# nothing yet\nversion = 1;\ninterviews = ( );\n", -1);
  g_autoptr (FollowupRecordSet) set = load_ok (f, path);

  REQUIRE (set);
  g_assert_cmpuint (set->records->len, ==, 0);
  g_assert_cmpint (set->policy->max_calls, ==, 2);
  g_assert_cmpint (set->policy->follow_up_email_after_days, ==, 7);
}

/* comments are the person's business, whatever bytes they hold */
/* the user's own details, for scripts and signatures; kept by every copy */
static void
test_me_group (Fixture *f, gconstpointer data)
{
  g_autofree char *path =
    write_file (f, "me.conf",
                "version = 1;\nme = { name = \"Sam Lee\"; phone = \"+49 30 1234\"; };\n"
                "interviews = ( );\n",
                -1);
  g_autoptr (FollowupRecordSet) set = load_ok (f, path);
  g_autoptr (FollowupRecordSet) copy = NULL;
  const char *name = NULL;

  REQUIRE (set);
  copy = followup_record_set_copy (set);
  g_assert_true (g_variant_lookup (copy->me, "name", "&s", &name));
  g_assert_cmpstr (name, ==, "Sam Lee");
  g_assert_false (g_variant_lookup (copy->me, "email", "&s", &name));
}

static void
test_comment_not_utf8 (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "latin1.conf",
                                      "# Gespr\xe4"
                                      "ch mit M\xfcller\n"
                                      "version = 1; // \xff\n"
                                      "interviews = ( { company = \"Acme\";\n"
                                      "  interviewed_at = \"2026-11-20 14:00\"; } );\n",
                                      -1);
  g_autoptr (FollowupRecordSet) set = load_ok (f, path);

  REQUIRE (set);
  g_assert_cmpuint (set->records->len, ==, 1);
}

/* the example shipped in config/ loads as it is */
static void
test_example_config (Fixture *f, gconstpointer data)
{
  const char *srcdir = g_getenv ("FOLLOWUP_SRCDIR");
  g_autofree char *path = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;

  if (srcdir == NULL) {
    g_test_skip ("FOLLOWUP_SRCDIR is not set (run through meson test)");
    return;
  }
  path = g_build_filename (srcdir, "config", "followup.conf", NULL);
  set = load_ok (f, path);
  REQUIRE (set);
  g_assert_cmpuint (set->records->len, ==, 1);
  g_assert_nonnull (followup_record_set_lookup (set, "example-acme-analyst"));
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* the target's name is taken by a folder: the rename fails, nothing is lost,
 * and no temp file is left behind */
static void
test_save_onto_directory (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "followup.conf", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autofree char *rich_path = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  guint before;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "precious", -1, NULL));
  rich_path = write_file (f, "rich.conf", rich_text, -1);
  set = load_ok (f, rich_path);
  REQUIRE (set);
  before = count_entries (f->dir);

  g_assert_false (followup_store_save (path, set, &error));
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO);
  if (error != NULL) {
    g_test_message ("save: %s", error->message);
    g_assert_nonnull (strstr (error->message, path));
  }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  kept = read_file (inside);
  g_assert_cmpstr (kept, ==, "precious");
  g_assert_cmpuint (count_entries (f->dir), ==, before);
}

/* the disk fills up halfway through the new version (a file size limit
 * plays the full disk, and works as root too, where a read-only folder would
 * not): the error says so, the old file is untouched and no half-written
 * file is left behind */
static void
test_save_disk_full_files (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "followup.conf", small_text, -1);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *rich_path = write_file (f, "rich.conf", rich_text, -1);

  if (g_test_subprocess ()) {
    g_autoptr (FollowupRecordSet) set = load_ok (f, rich_path);
    g_autoptr (GError) error = NULL;
    struct rlimit limit = { sizeof small_text + 64, sizeof small_text + 64 };

    REQUIRE (set);
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    g_assert_false (followup_store_save (g_getenv ("FOLLOWUP_TEST_PATH"), set, &error));
    g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_IO);
    if (error != NULL)
      g_test_message ("save: %s", error->message);
    return;
  }
  g_setenv ("FOLLOWUP_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("FOLLOWUP_TEST_PATH");
  g_test_trap_assert_passed ();
  {
    g_autofree char *now = read_file (path);

    g_assert_cmpstr (now, ==, small_text);
  }
  /* only what was there before, plus the backup of it */
  g_assert_cmpuint (count_entries (f->dir), <=, 3);
  if (g_file_test (backup, G_FILE_TEST_EXISTS)) {
    g_autofree char *kept = read_file (backup);

    g_assert_cmpstr (kept, ==, small_text);
  }
}

/* what a heavy user's file could grow to, and then ten times more: load and
 * schedule must stay quick enough for a reload on every edit */
static void
test_many_records (Fixture *f, gconstpointer data)
{
  /* under valgrind (meson test --setup valgrind) a smaller file says as much */
  const guint n = g_getenv ("FOLLOWUP_SCALE_RECORDS")
                    ? (guint) atoi (g_getenv ("FOLLOWUP_SCALE_RECORDS"))
                    : 10000;
  const char *zones[] = { "America/New_York", "Europe/Berlin", "Asia/Tokyo",
                          "America/Los_Angeles" };
  const char *statuses[] = { "waiting", "waiting", "waiting", "rejected", "no-opening", "offer" };
  GString *text = g_string_new ("version = 1;\ninterviews = (\n");
  g_autofree char *path = NULL;
  g_autofree char *saved_path = NULL;
  g_autoptr (FollowupRecordSet) set = NULL;
  g_autoptr (FollowupRecordSet) again = NULL;
  g_autoptr (GPtrArray) reminders = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 ("2026-12-01T09:00:00+01:00", NULL);
  FollowupEngineInput input = { 0 };
  gint64 t0, t1, t2, t3, t4;
  GStatBuf st;

  for (guint i = 0; i < n; i++) {
    /* every fifth record has no id: the loader makes one up */
    if (i % 5 != 0)
      g_string_append_printf (text, "  { id = \"rec-%05u\";\n", i);
    else
      g_string_append (text, "  {\n");
    g_string_append_printf (
      text,
      "    company = \"Company %u\"; role = \"Role %u\";\n"
      "    interviewed_at = \"2026-%02u-%02u %02u:%02u\"; timezone = \"%s\";\n"
      "    contacts = ( { name = \"Alex %u\"; phone = \"+1 555 %04u\"; prefers = \"phone\"; },\n"
      "                 { name = \"Sam %u\"; email = \"sam%u@example.com\"; } );\n"
      "    decision_in_days = %u; status = \"%s\";\n"
      "    events = ( { type = \"thank-you\"; at = \"2026-%02u-%02u 20:00\"; },\n"
      "               { type = \"response\"; at = \"2026-%02u-%02u 11:00\"; } );\n"
      "    notes = \"generated record number %u\";\n"
      "  }%s\n",
      i % 997, i % 13, 1 + i % 11, 1 + i % 28, 9 + i % 8, (i * 7) % 60, zones[i % 4], i, i % 10000,
      i, i, 1 + i % 20, statuses[i % G_N_ELEMENTS (statuses)], 1 + i % 11, 1 + i % 28, 2 + i % 11,
      1 + i % 28, i, i + 1 < n ? "," : "");
  }
  g_string_append (text, ");\n");
  path = write_file (f, "many.conf", text->str, (gssize) text->len);
  g_test_message ("10,000 records: %zu bytes of record file", text->len);
  g_string_free (text, TRUE);

  t0 = g_get_monotonic_time ();
  set = load_ok (f, path);
  t1 = g_get_monotonic_time ();
  REQUIRE (set);
  g_assert_cmpuint (set->records->len, ==, n);

  input.policy = set->policy;
  input.user_tz = f->user_tz;
  input.now = now;
  reminders = followup_engine_schedule (&input, set->records);
  t2 = g_get_monotonic_time ();
  REQUIRE (reminders);
  g_assert_cmpuint (reminders->len, >, 0);

  saved_path = g_build_filename (f->dir, "saved.conf", NULL);
  g_assert_true (followup_store_save (saved_path, set, NULL));
  t3 = g_get_monotonic_time ();
  again = load_ok (f, saved_path);
  t4 = g_get_monotonic_time ();
  REQUIRE (again);
  g_assert_cmpuint (again->records->len, ==, n);
  g_assert_cmpint (g_stat (saved_path, &st), ==, 0);

  g_test_message ("10,000 records: load %.1f ms, schedule %.1f ms (%u reminders), "
                  "load + schedule %.1f ms; save %.1f ms (%lld bytes), reload %.1f ms",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, reminders->len, (t2 - t0) / 1000.0,
                  (t3 - t2) / 1000.0, (long long) st.st_size, (t4 - t3) / 1000.0);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);
  /* one wrong answer must not hide the others */
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/roundtrip/rich-file", test_roundtrip_rich);
  ADD ("/store/roundtrip/values-and-ids", test_roundtrip_values);
  ADD ("/store/roundtrip/save-is-stable", test_save_stable);
  ADD ("/store/save/header-mode-backup", test_save_header_mode_backup);
  ADD ("/store/save/new-file", test_save_new_file);
  ADD ("/store/save/fails/target-is-directory", test_save_onto_directory);
  ADD ("/store/save/fails/disk-full", test_save_disk_full_files);
  ADD ("/store/ids/generated-unique", test_ids_generated);
  ADD ("/store/ids/explicit-wins", test_ids_explicit_wins);
  ADD ("/store/ids/stable-across-loads", test_ids_stable);
  ADD ("/store/load/missing-file", test_missing_file);
  ADD ("/store/load/no-records", test_no_records);
  ADD ("/store/load/comment-not-utf8", test_comment_not_utf8);
  ADD ("/store/load/me-group", test_me_group);
  ADD ("/store/load/example-config", test_example_config);
  for (gsize i = 0; i < G_N_ELEMENTS (problem_cases); i++)
    g_test_add (problem_cases[i].path, Fixture, &problem_cases[i], fixture_set_up,
                test_problem_case, fixture_tear_down);
  ADD ("/store/scale/10000-records", test_many_records);
#undef ADD

  return g_test_run ();
}

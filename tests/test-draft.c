/* test-draft.c: the drafts of common/followup-draft.c as the daemon builds
 * them, from a validated record's a{sv} and the me group, and the mailto:
 * URI that carries one to the mail client */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "followup-draft.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-record.h"

static const char record_text[] =
  "{'id': <'acme'>, 'company': <'Acme Corp'>, 'role': <'Data Analyst'>,"
  " 'interviewed_at': <'2026-11-20 14:00'>, 'timezone': <'America/New_York'>,"
  " 'contacts': <[{'name': <'Jane Doe'>, 'email': <'jane@acme.example'>,"
  "                'phone': <'+1 555 0100'>},"
  "               {'name': <'Dr. Raj Patel'>, 'email': <'raj@acme.example'>}]>}";

typedef struct {
  FollowupRecord *record;
  GVariant *me;
  GTimeZone *tz;
  GDateTime *now;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) dict =
    g_variant_parse (G_VARIANT_TYPE_VARDICT, record_text, NULL, NULL, &error);

  g_assert_no_error (error);
  f->tz = g_time_zone_new_identifier ("Europe/Berlin");
  f->record = followup_record_new_from_variant (dict, f->tz, NULL, &error);
  g_assert_no_error (error);
  f->me = g_variant_ref_sink (g_variant_new_parsed ("{'name': <'Sam Lee'>}"));
  /* a week after the interview: no "today" in the drafts */
  f->now = g_date_time_new (f->tz, 2026, 11, 27, 10, 0, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  followup_record_unref (f->record);
  g_variant_unref (f->me);
  g_time_zone_unref (f->tz);
  g_date_time_unref (f->now);
}

static FollowupDraft *
for_action (Fixture *f, FollowupAction action, const char *contact, GError **error)
{
  return followup_draft_new_for_action (action, f->record->dict, f->me, contact, f->tz, f->now,
                                        error);
}

/* every step the daemon can offer "Write" for has a template, and the
 * steps with nothing to write have none */
static void
test_kind_for_action (void)
{
  static const struct {
    FollowupAction action;
    const char *kind;
  } table[] = {
    { FOLLOWUP_ACTION_THANK_YOU, "thank-you" },
    { FOLLOWUP_ACTION_FOLLOW_UP_EMAIL, "follow-up-email" },
    { FOLLOWUP_ACTION_CHECK_IN, "follow-up-email" },
    { FOLLOWUP_ACTION_THANKS_AFTER_REJECTION, "thanks-after-rejection" },
    { FOLLOWUP_ACTION_KEEP_IN_TOUCH, "keep-in-touch" },
    { FOLLOWUP_ACTION_CALL, "call" },
    { FOLLOWUP_ACTION_MOVE_ON, NULL },
    { FOLLOWUP_ACTION_PREPARE, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpstr (followup_draft_kind_for_action (table[i].action), ==, table[i].kind);
}

/* the daemon's record a{sv} and me group give the draft followupctl
 * draft prints: addressed, greeted and signed */
static void
test_for_action (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDraft) thanks = for_action (f, FOLLOWUP_ACTION_THANK_YOU, NULL, &error);
  g_autoptr (FollowupDraft) check_in = NULL;
  g_autoptr (FollowupDraft) same = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (thanks->to_email, ==, "jane@acme.example");
  g_assert_cmpstr (thanks->subject, ==,
                   "Thank you for our conversation about the Data Analyst role");
  g_assert_true (g_str_has_prefix (thanks->body, "Dear Jane,\n"));
  g_assert_true (g_str_has_suffix (thanks->body, "\nSam Lee\n"));
  check_in = for_action (f, FOLLOWUP_ACTION_CHECK_IN, "Dr. Raj Patel", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check_in->to_email, ==, "raj@acme.example");
  g_assert_cmpstr (check_in->subject, ==, "Following up on the Data Analyst role at Acme Corp");
  g_assert_true (g_str_has_prefix (check_in->body, "Dear Dr. Patel,\n"));
  /* the client's way to the same draft */
  same = followup_draft_new ("follow-up-email", f->record->dict, f->me, "Dr. Raj Patel", NULL,
                             f->tz, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (same->subject, ==, check_in->subject);
  g_assert_cmpstr (same->body, ==, check_in->body);
}

static void
test_for_action_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDraft) none = for_action (f, FOLLOWUP_ACTION_MOVE_ON, NULL, &error);

  g_assert_null (none);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);
  none = for_action (f, FOLLOWUP_ACTION_THANK_YOU, "Nobody", &error);
  g_assert_null (none);
  g_assert_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nobody"));
}

/* the user's own template is used by the daemon as by the client */
static void
test_own_template (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = followup_draft_template_dir ();
  g_autofree char *path = g_build_filename (dir, "keep-in-touch.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDraft) draft = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "Subject: Hi from {my_name}\n\nHello {greeting_name}.\n", -1, &error);
  g_assert_no_error (error);
  draft = for_action (f, FOLLOWUP_ACTION_KEEP_IN_TOUCH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->subject, ==, "Hi from Sam Lee");
  g_assert_cmpstr (draft->body, ==, "Hello Jane.\n");
  g_unlink (path);
}

static void
test_mailto (void)
{
  g_autofree char *uri =
    followup_draft_mailto ("jane+jobs@acme.example", "Hi & thanks?", "Line 1\nÄ 2\n");
  g_autofree char *no_to = followup_draft_mailto (NULL, "", "x=1;y #2 50%");
  g_autofree char *only_to = followup_draft_mailto ("a@b.example", NULL, NULL);

  /* spaces as %20 (never "+"), "&" and "?" inside a field encoded, UTF-8
   * bytes encoded, lines ending in CRLF */
  g_assert_cmpstr (uri, ==,
                   "mailto:jane%2Bjobs@acme.example?subject=Hi%20%26%20thanks%3F"
                   "&body=Line%201%0D%0A%C3%84%202%0D%0A");
  /* no subject: the body is the first field */
  g_assert_cmpstr (no_to, ==, "mailto:?body=x%3D1%3By%20%232%2050%25");
  g_assert_cmpstr (only_to, ==, "mailto:a@b.example");
}

/* what a URI parser reads back is what was written, to the byte */
static void
test_mailto_round_trip (void)
{
  static const char subject[] = "Q&A? 50% = done #1 + more; Grüße, 日本";
  static const char body[] = "Dear Dr. Müller,\n\na=b&c=d?\n\n— Sam\n";
  g_autofree char *uri = followup_draft_mailto ("jane@acme.example", subject, body);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *crlf = NULL;
  g_auto (GStrv) lines = g_strsplit (body, "\n", -1);

  g_assert_true (g_str_is_ascii (uri));
  g_assert_true (g_str_has_prefix (uri, "mailto:jane@acme.example?"));
  params = g_uri_parse_params (strchr (uri, '?') + 1, -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (params), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (params, "subject"), ==, subject);
  crlf = g_strjoinv ("\r\n", lines);
  g_assert_cmpstr (g_hash_table_lookup (params, "body"), ==, crlf);
}

static FollowupDraft *
draft_in (const char *language, const char *when, GError **error)
{
  g_autofree char *text = g_strdup_printf ("{'id': <'globex'>, 'company': <'Globex'>,"
                                           " 'interviewed_at': <'%s'>,"
                                           " 'timezone': <'Europe/Berlin'>, 'language': <'%s'>,"
                                           " 'contacts': <[{'email': <'hr@globex.example'>}]>}",
                                           when, language);
  g_autoptr (GVariant) dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, error);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) now = g_date_time_new (tz, 2026, 11, 27, 10, 0, 0);

  g_assert_no_error (*error);
  return followup_draft_new ("thank-you", dict, NULL, NULL, "Sam Lee", tz, now, error);
}

/* a draft in the record's language is in that language throughout: the
 * words filled in where the record says nothing, "yesterday", the names of
 * days and months, whatever language the user reads */
static void
test_words_follow_the_draft (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDraft) yesterday = draft_in ("de", "2026-11-26 14:00", &error);
  g_autoptr (FollowupDraft) friday = NULL;
  g_autoptr (FollowupDraft) english = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (yesterday->subject, ==, "Vielen Dank für unser Gespräch über die Stelle");
  g_assert_true (g_str_has_prefix (yesterday->body, "Guten Tag Recruiting-Team,\n"));
  g_assert_nonnull (strstr (yesterday->body, "dass Sie sich gestern Zeit"));
  friday = draft_in ("de", "2026-11-20 14:00", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (friday->body, "dass Sie sich am Freitag, 20. November Zeit"));
  english = draft_in ("en", "2026-11-20 14:00", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (english->body, "Dear Hiring Team,\n"));
  g_assert_nonnull (strstr (english->body, "on Friday, 20 November"));
}

/* the same for a user who reads German: an English draft stays English */
static void
test_words_follow_the_draft_for_a_german_user (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FollowupDraft) english = NULL;
  g_autoptr (FollowupDraft) german = NULL;

  if (!g_test_subprocess ()) {
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
    return;
  }
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  followup_i18n_init ();
  english = draft_in ("en", "2026-11-26 14:00", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (english->body, "Dear Hiring Team,\n"));
  g_assert_nonnull (strstr (english->body, "yesterday"));
  g_assert_cmpstr (english->subject, ==, "Thank you for our conversation about the role");
  german = draft_in ("de", "2026-11-20 14:00", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (german->body, "am Freitag, 20. November"));
}

/* the temp home holds only what test_own_template made, emptied by it */
static void
remove_home (const char *home)
{
  const char *const dirs[] = { "config/followup/templates", "config/followup", "config", "", NULL };

  for (int i = 0; dirs[i] != NULL; i++) {
    g_autofree char *path = g_build_filename (home, dirs[i], NULL);

    g_rmdir (path);
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("followup-draft-XXXXXX", &error);
  g_autofree char *config = NULL;
  int status;

  g_assert_no_error (error);
  /* before glib reads it: the user's templates are the test's own */
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/draft/kind-for-action", test_kind_for_action);
  ADD ("/draft/for-action", test_for_action);
  ADD ("/draft/for-action/errors", test_for_action_errors);
  ADD ("/draft/own-template", test_own_template);
  g_test_add_func ("/draft/language/words", test_words_follow_the_draft);
  g_test_add_func ("/draft/language/german-user", test_words_follow_the_draft_for_a_german_user);
  g_test_add_func ("/draft/mailto/escaping", test_mailto);
  g_test_add_func ("/draft/mailto/round-trip", test_mailto_round_trip);
  status = g_test_run ();
  remove_home (home);
  return status;
}

/* followup-reminder-text.c: what a reminder's notification says and offers
 *
 * pure: a step of the plan in, its summary, body and buttons out, in the
 * user's words and zone */
#include "config.h"

#include "followup-draft.h"
#include "followup-i18n.h"
#include "followup-open.h"
#include "followup-reminder-text.h"

char *
followup_reminder_summary (const FollowupReminder *r)
{
  return followup_step_summary (r->action, r->contact, r->record->company);
}

/* what to say, in two lines: followupctl draft ID call has the whole script */
static char *
call_script (const FollowupReminder *r, const FollowupContact *c)
{
  const FollowupRecord *record = r->record;
  const char *role = record->role;
  g_autofree char *day = g_date_time_format (followup_record_round_at (record), "%a %-d %b");
  g_autofree char *about = role ? g_strdup_printf (_ ("the %s interview on %s"), role, day)
                                : g_strdup_printf (_ ("your interview on %s"), day);

  return g_strdup_printf (_ ("Ask for %s, mention %s, and ask where the decision stands. On "
                             "voicemail: your name, number and continued interest, briefly."),
                          c ? c->name : _ ("the person you met"), about);
}

char *
followup_reminder_body (const FollowupReminder *r, GTimeZone *user_tz)
{
  const FollowupContact *c = followup_record_find_contact (r->record, r->contact);
  GString *body = g_string_new (r->reason);

  if (r->until != NULL) {
    g_autoptr (GDateTime) local = g_date_time_to_timezone (r->until, user_tz);
    g_autofree char *end = g_date_time_format (local, "%a %d %b %H:%M");

    g_string_append_c (body, '\n');
    g_string_append_printf (body, _ ("Until %s (your time)."), end);
  }
  if (c != NULL && c->phone != NULL && r->action == FOLLOWUP_ACTION_CALL) {
    g_string_append_c (body, '\n');
    g_string_append_printf (body, _ ("Phone: %s"), c->phone);
  }
  if (r->action == FOLLOWUP_ACTION_CALL) {
    g_autofree char *script = call_script (r, c);

    g_string_append_c (body, '\n');
    g_string_append (body, script);
  } else if (c != NULL && c->email != NULL) {
    g_string_append_c (body, '\n');
    g_string_append_printf (body, _ ("Email: %s"), c->email);
  }
  return g_string_free (body, FALSE);
}

/* key, label, ...: the labels are translated when sent. GNOME Shell shows
 * the first three: the outcomes of a call come before putting it off */
static const char *const call_buttons[] = {
  "reached",        N_ ("Reached"),     "no-answer",
  N_ ("No answer"), "voicemail",        N_ ("Left voicemail"),
  "next-window",    N_ ("Next window"), NULL,
};
static const char *const other_buttons[] = {
  "done", N_ ("Done"), "snooze", N_ ("Snooze 1 h"), NULL,
};

static GStrv
translate_buttons (const char *const *buttons)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; buttons[i] != NULL; i += 2) {
    g_strv_builder_add (b, buttons[i]);
    g_strv_builder_add (b, _ (buttons[i + 1]));
  }
  return g_strv_builder_end (b);
}

/* a step with a message to send: its draft opens in the mail client;
 * a call's script is said, not sent */
gboolean
followup_reminder_can_write (const FollowupReminder *r)
{
  const char *kind = followup_draft_kind_for_action (r->action);

  return kind != NULL && !followup_draft_kind_is_spoken (kind);
}

/* the buttons of a step's notification: key, label, ...; a call starts
 * with "Call" when its number can be dialled from here (tel_ok), a
 * message to send with "Write" */
GStrv
followup_reminder_buttons (const FollowupReminder *r, gboolean tel_ok)
{
  g_auto (GStrv)
    shown = translate_buttons (r->action == FOLLOWUP_ACTION_CALL ? call_buttons : other_buttons);
  g_autoptr (GStrvBuilder) b = NULL;

  if (followup_reminder_can_write (r)) {
    b = g_strv_builder_new ();
    g_strv_builder_add (b, FOLLOWUP_REMINDER_WRITE_BUTTON);
    /* TRANSLATORS: a button that opens the step's draft in the mail client */
    g_strv_builder_add (b, _ ("Write"));
    g_strv_builder_addv (b, (const char **) shown);
    return g_strv_builder_end (b);
  }
  if (r->action != FOLLOWUP_ACTION_CALL || !tel_ok)
    return g_steal_pointer (&shown);
  b = g_strv_builder_new ();
  g_strv_builder_add (b, FOLLOWUP_REMINDER_CALL_BUTTON);
  g_strv_builder_add (b, _ ("Call"));
  g_strv_builder_addv (b, (const char **) shown);
  return g_strv_builder_end (b);
}

/* the callee's number as a tel: link, or NULL (none, or not dialable) */
char *
followup_reminder_tel_uri (const FollowupReminder *r)
{
  const FollowupContact *c = followup_record_find_contact (r->record, r->contact);

  return c != NULL && c->phone != NULL ? followup_open_tel_uri (c->phone) : NULL;
}

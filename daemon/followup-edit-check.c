/* followup-edit-check.c: the rules for values given now, through an edit */
#include "config.h"

#include <string.h>

#include "followup-edit-check.h"
#include "followup-error.h"
#include "followup-i18n.h"

#define MIN_PHONE_DIGITS 6 /* the shortest numbers dialled from afar */
#define MAX_PHONE_DIGITS 20

/* rules for ids given now, not for those already in a file: every command
 * must be able to address it (a leading "-" reads as an option) and it must
 * not look like a path */
gboolean
followup_edit_check_new_id (GVariant *dict, GError **error)
{
  const char *id = NULL;

  if (!g_variant_lookup (dict, "id", "&s", &id))
    return TRUE;
  if (id[0] == '-' || id[0] == '.') {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("id: “%s” cannot start with “%c” (commands would take it for an option or a "
                    "path); start it with a letter or a digit"),
                 id, id[0]);
    return FALSE;
  }
  return TRUE;
}

/* a company of spaces gives no name to remind of */
gboolean
followup_edit_check_company (GVariant *dict, GError **error)
{
  const char *company = NULL;
  g_autofree char *stripped = NULL;

  if (!g_variant_lookup (dict, "company", "&s", &company) || *company == '\0')
    return TRUE; /* absent or empty: the validator's to say */
  stripped = g_strstrip (g_strdup (company));
  if (*stripped != '\0')
    return TRUE;
  g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
               _ ("company: is blank; give the employer's name"));
  return FALSE;
}

/* the same interview added twice (same company, role and time) is refused,
 * naming the record that has it */
gboolean
followup_edit_check_not_recorded (FollowupRecordSet *set, const FollowupRecord *record,
                                  GError **error)
{
  for (guint i = 0; i < set->records->len; i++) {
    const FollowupRecord *r = g_ptr_array_index (set->records, i);

    if (g_strcmp0 (r->company, record->company) == 0 && g_strcmp0 (r->role, record->role) == 0 &&
        g_date_time_equal (r->interviewed_at, record->interviewed_at)) {
      g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                   _ ("this interview is recorded already as “%s” (same company, role and time)"),
                   r->id);
      return FALSE;
    }
  }
  return TRUE;
}

/* name@host: what a mail client can send to; no spaces, one "@", a host
 * that is not all dots */
static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *host = at ? at + 1 : NULL;

  if (at == NULL || at == text || *host == '\0' || strchr (host, '@') != NULL)
    return FALSE;
  if (host[0] == '.' || host[strlen (host) - 1] == '.' || strstr (host, "..") != NULL)
    return FALSE;
  for (const char *p = text; *p; p++) {
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == '<' || *p == '>' || *p == ',')
      return FALSE;
  }
  return TRUE;
}

/* digits with the separators people write, a "+" only in front: what a
 * phone (and a tel: link) can dial */
static gboolean
is_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++) {
    if (g_ascii_isdigit (*p))
      digits++;
    else if (*p == '+' && digits == 0 && strspn (text, " ") == (gsize) (p - text))
      continue;
    else if (strchr (" -().", *p) == NULL)
      return FALSE;
  }
  return digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS;
}

/* a contact's address and number, where they are new or changed */
gboolean
followup_edit_check_contacts (const FollowupRecord *old, const FollowupRecord *record,
                              GError **error)
{
  for (guint i = 0; i < record->contacts->len; i++) {
    const FollowupContact *c = g_ptr_array_index (record->contacts, i);
    const FollowupContact *was = old ? followup_record_find_contact (old, c->name) : NULL;

    if (c->email != NULL && (was == NULL || g_strcmp0 (was->email, c->email) != 0) &&
        !is_email (c->email)) {
      g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                   _ ("contacts.%u.email: “%s” is not an email address (name@host)"), i + 1,
                   c->email);
      return FALSE;
    }
    if (c->phone != NULL && (was == NULL || g_strcmp0 (was->phone, c->phone) != 0) &&
        !is_phone (c->phone)) {
      g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                   _ ("contacts.%u.phone: “%s” is not a phone number (%d to %d digits, with "
                      "spaces and + - ( ) . if you like)"),
                   i + 1, c->phone, MIN_PHONE_DIGITS, MAX_PHONE_DIGITS);
      return FALSE;
    }
  }
  return TRUE;
}

/* steps that are taken once: a thank-you to each person, the follow-up
 * email and the preparation, once a round (R1, R2, R16, R17); a rejection
 * starts a thank-you of its own (R7) */
static gboolean
taken_once (FollowupEventType type)
{
  return type == FOLLOWUP_EVENT_THANK_YOU || type == FOLLOWUP_EVENT_EMAIL ||
         type == FOLLOWUP_EVENT_PREPARE;
}

static GDateTime *
period_of (const FollowupRecord *r, const FollowupEvent *e)
{
  GDateTime *start = r->interviewed_at;

  for (guint i = 0; i < r->rounds->len; i++) {
    const FollowupRound *round = g_ptr_array_index (r->rounds, i);

    if (g_date_time_compare (round->at, e->at) <= 0)
      start = round->at;
  }
  if (e->type == FOLLOWUP_EVENT_THANK_YOU && r->status == FOLLOWUP_STATUS_REJECTED &&
      r->status_at != NULL && g_date_time_compare (r->status_at, e->at) <= 0 &&
      g_date_time_compare (r->status_at, start) > 0)
    start = r->status_at;
  return start;
}

/* an earlier event of e's kind and period that already did what e does */
static const FollowupEvent *
earlier_same (const FollowupRecord *r, guint j)
{
  const FollowupEvent *e = g_ptr_array_index (r->events, j);
  GDateTime *period = period_of (r, e);
  guint thanked = 0;

  for (guint i = 0; i < j; i++) {
    const FollowupEvent *x = g_ptr_array_index (r->events, i);

    if (x->type != e->type || !g_date_time_equal (period_of (r, x), period))
      continue;
    if (e->type != FOLLOWUP_EVENT_THANK_YOU || x->contact == NULL ||
        g_strcmp0 (x->contact, e->contact) == 0)
      return x;
    thanked++;
  }
  /* "everyone" after each was thanked by name */
  return e->contact == NULL && r->contacts->len > 0 && thanked >= r->contacts->len && j > 0
           ? g_ptr_array_index (r->events, j - 1)
           : NULL;
}

static guint
count_repeats (const FollowupRecord *r, const FollowupEvent **last)
{
  guint n = 0;

  for (guint j = 0; j < r->events->len; j++) {
    const FollowupEvent *e = g_ptr_array_index (r->events, j);
    const FollowupEvent *x = taken_once (e->type) ? earlier_same (r, j) : NULL;

    if (x != NULL) {
      n++;
      *last = x;
    }
  }
  return n;
}

/* when the first was recorded, in the user's zone: the file has it in the
 * employer's, and the user remembers their own clock */
static gboolean
repeated (const FollowupEvent *x, GTimeZone *user_tz, GError **error)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (x->at, user_tz);
  g_autofree char *day = g_date_time_format (local, "%a %-d %b %H:%M");

  if (x->type == FOLLOWUP_EVENT_THANK_YOU && x->contact != NULL)
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                 _ ("a thank-you note to %s is recorded already (%s): one to each person is "
                    "enough; if you met again, add the round first"),
                 x->contact, day);
  else if (x->type == FOLLOWUP_EVENT_THANK_YOU)
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                 _ ("a thank-you note to everyone is recorded already (%s): one to each person "
                    "is enough; if you met again, add the round first"),
                 day);
  else if (x->type == FOLLOWUP_EVENT_EMAIL)
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                 _ ("the follow-up email is recorded already (%s): one before the call is "
                    "enough; a second one reads as pressure"),
                 day);
  else
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_EXISTS,
                 _ ("the preparation for this round is recorded already (%s)"), day);
  return FALSE;
}

/* a new event: not one the record has already, and not a call past
 * max_calls unless the user insists (R18) */
gboolean
followup_edit_check_event (const FollowupEngineInput *input, FollowupRecord *old,
                           FollowupRecord *record, gboolean anyway, GError **error)
{
  const FollowupEvent *x = NULL;
  const FollowupEvent *unused = NULL;
  guint was, now;

  if (count_repeats (record, &x) > count_repeats (old, &unused))
    return repeated (x, input->user_tz, error);
  if (anyway)
    return TRUE;
  was = followup_engine_calls_counted (input, old);
  now = followup_engine_calls_counted (input, record);
  if (now > was && now > (guint) input->policy->max_calls) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_PAST_LIMIT,
                 _ ("this would be call %u, past max_calls = %d: after that many, followup "
                    "suggests moving on"),
                 now, input->policy->max_calls);
    return FALSE;
  }
  return TRUE;
}

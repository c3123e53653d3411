/* followup-draft.c: filling a message template from a record
 *
 * the built-in templates are the files in config/templates, compiled in as a
 * GResource so the installed examples and the defaults can never differ; in
 * common, so the client's draft command and the daemon's "Write" button
 * write the same message */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "followup-catalog.h"
#include "followup-error.h"
#include "followup-i18n.h"
#include "followup-time.h"
#include "followup-dict.h"
#include "followup-draft.h"
#include "followup-templates-resources.h"

#define RESOURCE_DIR "/org/followup/templates/"
#define MAX_PLACEHOLDER 32

const char *const followup_draft_kinds[] = {
  "thank-you", "follow-up-email", "thanks-after-rejection", "keep-in-touch", "call", "voicemail",
  NULL,
};

gboolean
followup_draft_kind_is_spoken (const char *kind)
{
  return g_strcmp0 (kind, "call") == 0 || g_strcmp0 (kind, "voicemail") == 0;
}

const char *
followup_draft_canonical_kind (const char *kind)
{
  if (g_strcmp0 (kind, "email") == 0)
    return "follow-up-email";
  for (int i = 0; followup_draft_kinds[i] != NULL; i++) {
    if (g_strcmp0 (kind, followup_draft_kinds[i]) == 0)
      return followup_draft_kinds[i];
  }
  return NULL;
}

char *
followup_draft_template_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "followup", "templates", NULL);
}

/* the English templates sit at the top; the others in a folder per
 * language, config/templates/LANG/KIND.txt */
static char *
template_name (const char *language, const char *kind)
{
  g_autofree char *file = g_strconcat (kind, ".txt", NULL);

  return language ? g_build_filename (language, file, NULL) : g_steal_pointer (&file);
}

static gboolean
is_english (const char *language)
{
  return g_str_equal (language, "en") || g_str_has_prefix (language, "en_");
}

static char *
load_builtin (const char *language, const char *kind)
{
  g_autofree char *name =
    template_name (language && !is_english (language) ? language : NULL, kind);
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr (GBytes) bytes = g_resource_lookup_data (followup_templates_get_resource (), path,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  return g_strndup (data, len);
}

/* FALSE only for a file that exists but cannot be read or is not UTF-8:
 * an error, not a silent fall back to the default; a missing file leaves
 * *text NULL */
static gboolean
load_own (const char *dir, const char *language, const char *kind, char **text, GError **error)
{
  g_autofree char *name = template_name (language, kind);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) local_error = NULL;

  *text = NULL;
  if (!g_file_get_contents (path, text, NULL, &local_error)) {
    if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      return TRUE;
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _ ("cannot read the template %s: "), path);
    return FALSE;
  }
  if (!g_utf8_validate (*text, -1, NULL)) {
    g_clear_pointer (text, g_free);
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID,
                 _ ("the template %s is not UTF-8 text; save it as UTF-8"), path);
    return FALSE;
  }
  return TRUE;
}

/* the record's language ("de", "pt-BR": "pt_BR", then "pt"), else the
 * user's from LANGUAGE, LC_ALL, LC_MESSAGES and LANG; "C" ends the list,
 * since it means the English templates */
static GStrv
draft_languages (const char *language)
{
  g_autofree char *tag = language ? g_strdelimit (g_strdup (language), "-", '_') : NULL;
  g_auto (GStrv) all = tag ? g_get_locale_variants (tag)
                           : g_strdupv ((char **) g_get_language_names ());
  g_autoptr (GPtrArray) out = g_ptr_array_new ();

  for (int i = 0; all[i] != NULL; i++) {
    if (g_str_equal (all[i], "C") || g_str_equal (all[i], "POSIX"))
      break;
    g_ptr_array_add (out, g_strdup (all[i]));
  }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* the user's own files win over the built-in ones, as they always have:
 * own LANG/KIND.txt, own KIND.txt, built-in LANG/KIND.txt, built-in
 * English; `language` NULL means the user's. *words is the language the
 * template was found for, for the words a draft fills in itself: LANG, "en"
 * for the built-in English, NULL (the user's) for an own KIND.txt */
static char *
load_template (const char *kind, const char *language, const char *override_dir, const char **words,
               GError **error)
{
  static const char *const english = "en";
  g_auto (GStrv) languages = draft_languages (language);
  char *text = NULL;

  *words = NULL;
  for (int i = 0; override_dir != NULL && languages[i] != NULL; i++) {
    if (!load_own (override_dir, languages[i], kind, &text, error))
      return NULL;
    if (text != NULL) {
      *words = g_intern_string (languages[i]);
      return text;
    }
  }
  if (override_dir != NULL && (!load_own (override_dir, NULL, kind, &text, error) || text != NULL))
    return text;
  for (int i = 0; languages[i] != NULL; i++) {
    if ((text = load_builtin (languages[i], kind)) != NULL) {
      *words = g_intern_string (languages[i]);
      return text;
    }
  }
  *words = english;
  if ((text = load_builtin (NULL, kind)) == NULL)
    g_set_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND, "no built-in template %s",
                 kind);
  return text;
}

char *
followup_draft_load_template (const char *kind, const char *language, const char *override_dir,
                              GError **error)
{
  const char *words;

  return load_template (kind, language, override_dir, &words, error);
}

/* a word the draft fills in itself, in the draft's language: the user's
 * through gettext, any other from that language's catalogue */
static const char *G_GNUC_FORMAT (2)
draft_word (const FollowupDraftInput *input, const char *msgid)
{
  if (input->language == NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, "draft", msgid);
  return followup_catalog_pgettext (followup_catalog_get (input->language), "draft", msgid);
}

static const char *const weekdays[] = {
  NC_ ("draft", "Monday"),   NC_ ("draft", "Tuesday"), NC_ ("draft", "Wednesday"),
  NC_ ("draft", "Thursday"), NC_ ("draft", "Friday"),  NC_ ("draft", "Saturday"),
  NC_ ("draft", "Sunday"),
};

static const char *const months[] = {
  NC_ ("draft", "January"), NC_ ("draft", "February"), NC_ ("draft", "March"),
  NC_ ("draft", "April"),   NC_ ("draft", "May"),      NC_ ("draft", "June"),
  NC_ ("draft", "July"),    NC_ ("draft", "August"),   NC_ ("draft", "September"),
  NC_ ("draft", "October"), NC_ ("draft", "November"), NC_ ("draft", "December"),
};

/* the names of the day and the month are the draft's, not the locale's:
 * put in before g_date_time_format() does the numbers */
static char *
format_day (GDateTime *day, GDateTime *now, const FollowupDraftInput *input)
{
  g_autoptr (GString) format = NULL;
  const char *weekday = draft_word (input, weekdays[g_date_time_get_day_of_week (day) - 1]);
  const char *month = draft_word (input, months[g_date_time_get_month (day) - 1]);

  if (g_date_time_get_year (day) != g_date_time_get_year (now))
    /* TRANSLATORS: a day in a draft, g_date_time_format(); "Friday, 20 November 2026" */
    format = g_string_new (draft_word (input, NC_ ("draft", "%A, %-d %B %Y")));
  else
    /* TRANSLATORS: a day in a draft this year, "Friday, 20 November" */
    format = g_string_new (draft_word (input, NC_ ("draft", "%A, %-d %B")));
  g_string_replace (format, "%A", weekday, 0);
  g_string_replace (format, "%B", month, 0);
  return g_date_time_format (day, format->str);
}

/* "today", "yesterday", or "on Friday, 20 November", seen from the record's zone */
static char *
format_when (GDateTime *interviewed, GDateTime *now, const FollowupDraftInput *input)
{
  g_autoptr (GDateTime) here =
    g_date_time_to_timezone (now, g_date_time_get_timezone (interviewed));
  g_autofree char *day = format_day (interviewed, here, input);
  GDate a, b;

  followup_datetime_get_date (interviewed, &a);
  followup_datetime_get_date (here, &b);
  switch (followup_date_days_between (&a, &b)) {
    case 0:
      return g_strdup (draft_word (input, NC_ ("draft", "today")));
    case 1:
      return g_strdup (draft_word (input, NC_ ("draft", "yesterday")));
    default:
      /* TRANSLATORS: %s is a day as above: "on Friday, 20 November" */
      return g_strdup_printf (draft_word (input, NC_ ("draft", "on %s")), day);
  }
}

/* from the file's me group; a bracketed reminder to fill in where it has none */
static char *
me_value (GVariant *me, const char *key, const char *missing)
{
  const char *value = me ? followup_dict_lookup_string (me, key) : NULL;

  return g_strdup (value ? value : missing);
}

/* --from, else the file's me.name, else the account's full name when it is
 * one: not glib's "Unknown", and not the login name again (glib spells "&"
 * in the GECOS field as the capitalised login, so case does not count);
 * NULL when no name is known */
const char *
followup_draft_signature (const char *from, GVariant *me, const char *real_name, const char *login)
{
  const char *mine = me ? followup_dict_lookup_string (me, "name") : NULL;

  if (from != NULL)
    return from;
  if (mine != NULL)
    return mine;
  if (real_name == NULL || *real_name == '\0' || g_strcmp0 (real_name, "Unknown") == 0 ||
      (login != NULL && g_ascii_strcasecmp (real_name, login) == 0))
    return NULL;
  return real_name;
}

static const struct {
  const char *kind;
  FollowupAction action;
} kind_actions[] = {
  { "thank-you", FOLLOWUP_ACTION_THANK_YOU },
  { "thank-you-card", FOLLOWUP_ACTION_THANK_YOU },
  { "follow-up-email", FOLLOWUP_ACTION_FOLLOW_UP_EMAIL },
  { "thanks-after-rejection", FOLLOWUP_ACTION_THANKS_AFTER_REJECTION },
  { "keep-in-touch", FOLLOWUP_ACTION_KEEP_IN_TOUCH },
  { "call", FOLLOWUP_ACTION_CALL },
  { "voicemail", FOLLOWUP_ACTION_CALL },
};

gboolean
followup_draft_kind_to_action (const char *kind, FollowupAction *action)
{
  for (gsize k = 0; k < G_N_ELEMENTS (kind_actions); k++) {
    if (g_strcmp0 (kind, kind_actions[k].kind) == 0) {
      *action = kind_actions[k].action;
      return TRUE;
    }
  }
  return FALSE;
}

const char *
followup_draft_kind_for_action (FollowupAction action)
{
  switch (action) {
    case FOLLOWUP_ACTION_THANK_YOU:
      return "thank-you";
    /* a check-in asks where things stand after the decision date, by mail
     * for one who prefers it: what the follow-up email says */
    case FOLLOWUP_ACTION_FOLLOW_UP_EMAIL:
    case FOLLOWUP_ACTION_CHECK_IN:
      return "follow-up-email";
    case FOLLOWUP_ACTION_THANKS_AFTER_REJECTION:
      return "thanks-after-rejection";
    case FOLLOWUP_ACTION_KEEP_IN_TOUCH:
      return "keep-in-touch";
    case FOLLOWUP_ACTION_CALL:
      return "call";
    case FOLLOWUP_ACTION_MOVE_ON:
    case FOLLOWUP_ACTION_PREPARE:
    default:
      return NULL;
  }
}

/* a word, with or without its full stop, from a short list */
static gboolean
word_in (const char *word, const char *const *list)
{
  g_autofree char *bare = g_strdup (word);
  gsize len = strlen (bare);

  if (len > 1 && bare[len - 1] == '.')
    bare[len - 1] = '\0';
  for (int i = 0; list[i] != NULL; i++) {
    if (g_ascii_strcasecmp (bare, list[i]) == 0)
      return TRUE;
  }
  return FALSE;
}

static const char *const titles[] = { "Dr", "Prof", "Mr", "Ms", "Mrs", "Mx", NULL };
static const char *const suffixes[] = { "Jr", "Sr", "II", "III", "IV", NULL };

/* the words of a name, leaving out what follows a comma ("Jane Doe, PhD")
 * and a generational suffix, which no greeting uses */
static GPtrArray *
name_words (const char *full)
{
  g_autofree char *before_comma = g_strndup (full, strcspn (full, ","));
  g_auto (GStrv) parts = g_strsplit_set (before_comma, " \t", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; parts[i] != NULL; i++) {
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  }
  while (words->len > 1 && word_in (g_ptr_array_index (words, words->len - 1), suffixes))
    g_ptr_array_remove_index (words, words->len - 1);
  return words;
}

/* "van", "de", "von": lower-case particles belong to the family name */
static gboolean
is_particle (const char *word)
{
  return g_unichar_islower (g_utf8_get_char (word));
}

/* the name to greet someone by: with titles, the titles and the family name
 * ("Dr. Müller"); without, the given name ("Jane"); the name as written
 * when it is all title or starts with an initial ("J. Doe") */
char *
followup_draft_greeting_name (const char *full)
{
  g_autoptr (GPtrArray) words = name_words (full);
  g_autoptr (GString) out = g_string_new (NULL);
  guint n_titles = 0;
  guint family;

  while (n_titles < words->len && word_in (g_ptr_array_index (words, n_titles), titles))
    n_titles++;
  if (words->len == 0 || n_titles == words->len)
    return g_strstrip (g_strdup (full));
  if (n_titles == 0) {
    const char *given = g_ptr_array_index (words, 0);

    if (g_utf8_strlen (given, -1) == 1 || g_str_has_suffix (given, "."))
      return g_strstrip (g_strdup (full));
    return g_strdup (given);
  }
  family = words->len - 1;
  while (family > n_titles && is_particle (g_ptr_array_index (words, family - 1)))
    family--;
  for (guint i = 0; i < words->len; i++) {
    if (i < n_titles || i >= family)
      g_string_append_printf (out, "%s%s", out->len ? " " : "",
                              (char *) g_ptr_array_index (words, i));
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GHashTable *
placeholder_values (GVariant *record, GVariant *contact, const FollowupDraftInput *input)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *role = followup_dict_lookup_string (record, "role");
  const char *name = followup_dict_lookup_string (contact, "name");
  const char *company = followup_dict_lookup_string (record, "company");
  const char *team = draft_word (input, NC_ ("draft", "Hiring Team"));
  g_autoptr (GDateTime) at =
    followup_dict_record_time (record, record, "interviewed_at", input->local_tz);

  g_hash_table_insert (values, "interviewer", g_strdup (name ? name : team));
  g_hash_table_insert (values, "greeting_name",
                       name ? followup_draft_greeting_name (name) : g_strdup (team));
  g_hash_table_insert (values, "company",
                       g_strdup (company ? company
                                         : draft_word (input, NC_ ("draft", "your company"))));
  g_hash_table_insert (values, "role", g_strdup (role ? role : ""));
  g_hash_table_insert (values, "position",
                       role
                         ? g_strdup_printf (draft_word (input, NC_ ("draft", "the %s role")), role)
                         : g_strdup (draft_word (input, NC_ ("draft", "the role"))));
  /* an unknown name leaves a slot to fill in; --from "" asks for a note
   * without one, but a script always needs a name to say */
  g_hash_table_insert (values, "my_name",
                       g_strdup (input->my_name == NULL || (input->spoken && !*input->my_name)
                                   ? draft_word (input, NC_ ("draft", "[your name]"))
                                   : input->my_name));
  g_hash_table_insert (values, "id", g_strdup (followup_dict_lookup_string (record, "id")));
  g_hash_table_insert (values, "my_phone",
                       me_value (input->me, "phone",
                                 draft_word (input, NC_ ("draft", "[your number]"))));
  g_hash_table_insert (values, "my_email",
                       me_value (input->me, "email",
                                 draft_word (input, NC_ ("draft", "[your email]"))));
  if (at != NULL) {
    g_hash_table_insert (values, "date", format_day (at, input->now, input));
    g_hash_table_insert (values, "when", format_when (at, input->now, input));
  }
  return values;
}

/* "Acme Inc." or "Yahoo!" already end the sentence the template ends with
 * a full stop: that stop goes, so no draft reads "Acme Inc.." */
static gboolean
ends_sentence (const char *value)
{
  const char *last = *value ? g_utf8_find_prev_char (value, value + strlen (value)) : NULL;

  return last != NULL && (strchr (".!?", *last) != NULL || g_utf8_get_char (last) == 0x2026);
}

/* {name} becomes its value; anything else, unknown names included, stays as
 * written so a typo in a template shows in the draft */
static char *
substitute (const char *text, GHashTable *values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0';) {
    const char *close = *p == '{' ? strchr (p, '}') : NULL;

    if (close != NULL && close - p - 1 > 0 && close - p - 1 <= MAX_PLACEHOLDER) {
      g_autofree char *name = g_strndup (p + 1, close - p - 1);
      const char *value = g_hash_table_lookup (values, name);

      if (value != NULL) {
        g_string_append (out, value);
        p = close + 1;
        if (*p == '.' && ends_sentence (value))
          p++;
        continue;
      }
    }
    g_string_append_c (out, *p++);
  }
  return g_string_free (out, FALSE);
}

/* leading "#" lines are notes for whoever edits the template; then an
 * optional "Subject:" line, then the body */
static void
split_template (const char *text, char **subject, char **body)
{
  const char *p = text;

  while (*p == '#') {
    const char *nl = strchr (p, '\n');
    p = nl ? nl + 1 : p + strlen (p);
  }
  *subject = NULL;
  if (g_ascii_strncasecmp (p, "Subject:", 8) == 0) {
    const char *nl = strchr (p, '\n');

    *subject = g_strstrip (nl ? g_strndup (p + 8, nl - p - 8) : g_strdup (p + 8));
    p = nl ? nl + 1 : p + strlen (p);
  }
  while (*p == '\n' || *p == '\r')
    p++;
  *body = g_strdup (p);
}

static char *
tidy_body (char *body)
{
  g_strchomp (body);
  return g_strconcat (body, "\n", NULL);
}

FollowupDraft *
followup_draft_fill (const char *template_text, GVariant *record, const FollowupDraftInput *input,
                     GError **error)
{
  g_autoptr (GVariant) contact = followup_dict_find_contact (record, input->contact);
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *filled = NULL;
  FollowupDraft *draft;

  if (input->contact != NULL && contact == NULL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_NOT_FOUND,
                 _ ("%s has no contact named “%s” (followupctl show %s lists them)"),
                 followup_dict_lookup_string (record, "id"), input->contact,
                 followup_dict_lookup_string (record, "id"));
    return NULL;
  }
  values = placeholder_values (record, contact, input);
  split_template (template_text, &subject, &body);
  draft = g_new0 (FollowupDraft, 1);
  draft->to_name = g_strdup (followup_dict_lookup_string (contact, "name"));
  draft->to_email = g_strdup (followup_dict_lookup_string (contact, "email"));
  draft->to_phone = g_strdup (followup_dict_lookup_string (contact, "phone"));
  draft->spoken = input->spoken;
  draft->subject = subject ? substitute (subject, values) : g_strdup ("");
  filled = substitute (body, values);
  draft->body = tidy_body (filled);
  return draft;
}

FollowupDraft *
followup_draft_new (const char *kind, GVariant *record, GVariant *me, const char *contact,
                    const char *from, GTimeZone *local_tz, GDateTime *now, GError **error)
{
  g_autofree char *dir = followup_draft_template_dir ();
  const char *words = NULL;
  g_autofree char *text =
    load_template (kind, followup_dict_lookup_string (record, "language"), dir, &words, error);
  FollowupDraftInput input = {
    .contact = contact,
    .my_name = followup_draft_signature (from, me, g_get_real_name (), g_get_user_name ()),
    .local_tz = local_tz,
    .now = now,
    .me = me,
    .spoken = followup_draft_kind_is_spoken (kind),
    .language = words,
  };

  if (text == NULL)
    return NULL;
  return followup_draft_fill (text, record, &input, error);
}

FollowupDraft *
followup_draft_new_for_action (FollowupAction action, GVariant *record, GVariant *me,
                               const char *contact, GTimeZone *local_tz, GDateTime *now,
                               GError **error)
{
  const char *kind = followup_draft_kind_for_action (action);

  if (kind == NULL) {
    g_set_error (error, FOLLOWUP_ERROR, FOLLOWUP_ERROR_INVALID, _ ("%s is not a message to write"),
                 followup_action_to_string (action));
    return NULL;
  }
  return followup_draft_new (kind, record, me, contact, NULL, local_tz, now, error);
}

char *
followup_draft_to_text (const FollowupDraft *draft)
{
  GString *out = g_string_new (NULL);

  if (draft->spoken) {
    g_string_append_printf (out, _ ("Call: %s, %s\n\n%s"),
                            draft->to_name ? draft->to_name : _ ("the interviewer"),
                            draft->to_phone ? draft->to_phone : _ ("no number on the record"),
                            draft->body);
    return g_string_free (out, FALSE);
  }
  if (draft->to_name != NULL && draft->to_email != NULL)
    g_string_append_printf (out, "To: %s <%s>\n", draft->to_name, draft->to_email);
  else if (draft->to_name != NULL || draft->to_email != NULL)
    g_string_append_printf (out, "To: %s\n", draft->to_name ? draft->to_name : draft->to_email);
  /* a card to write by hand has no subject */
  if (*draft->subject != '\0')
    g_string_append_printf (out, "Subject: %s\n", draft->subject);
  g_string_append_printf (out, "\n%s", draft->body);
  return g_string_free (out, FALSE);
}

static void
append_escaped (GString *out, const char *text, const char *allowed)
{
  g_autofree char *escaped = g_uri_escape_string (text, allowed, FALSE);

  g_string_append (out, escaped);
}

/* RFC 6068: every character but the unreserved ones percent-encoded, UTF-8
 * first, so "&", "=", "?", "#" and "+" stay inside their field (some mail
 * clients read a bare "+" as a space); line breaks as CRLF; an empty or
 * NULL subject is left out */
char *
followup_draft_mailto (const char *to, const char *subject, const char *body)
{
  GString *out = g_string_new ("mailto:");
  char sep = '?';

  if (to != NULL)
    append_escaped (out, to, "@");
  if (subject != NULL && *subject != '\0') {
    g_string_append_printf (out, "%csubject=", sep);
    append_escaped (out, subject, NULL);
    sep = '&';
  }
  if (body != NULL) {
    g_auto (GStrv) lines = g_strsplit (body, "\n", -1);
    g_autofree char *crlf_body = g_strjoinv ("\r\n", lines);

    g_string_append_printf (out, "%cbody=", sep);
    append_escaped (out, crlf_body, NULL);
  }
  return g_string_free (out, FALSE);
}

void
followup_draft_free (FollowupDraft *draft)
{
  g_free (draft->to_name);
  g_free (draft->to_email);
  g_free (draft->to_phone);
  g_free (draft->subject);
  g_free (draft->body);
  g_free (draft);
}

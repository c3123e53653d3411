/* followup-check.h: typed reads from an a{sv} group that name the key they fail on */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One validation run: the first fault wins, and remembers its key path
 * ("contacts.1.email", lists counted from 1) so the file loader can turn it
 * into a line and the bus can hand it to the client. */
typedef struct {
  char *bad_key;
  GError *error;
} FollowupCheck;

/* One a{sv} group inside a run, indexed once: a lookup in a serialised a{sv}
 * is a scan, and with 10,000 records that shows. */
typedef struct _FollowupGroup {
  FollowupCheck *check;
  GHashTable *index;
  char prefix[32]; /* "" for the top level, "events.3" inside a list */
} FollowupGroup;

typedef enum {
  FOLLOWUP_TEXT_OPTIONAL = 0,
  FOLLOWUP_TEXT_REQUIRED = 1 << 0,  /* present and not empty */
  FOLLOWUP_TEXT_MULTILINE = 1 << 1, /* notes: newlines and tabs allowed, longer */
} FollowupTextFlags;

void followup_check_clear (FollowupCheck *check);
gboolean followup_check_finish (FollowupCheck *check, char **bad_key, GError **error);
gboolean followup_check_fail (FollowupCheck *check, const char *prefix, const char *key,
                              const char *format, ...) G_GNUC_PRINTF (4, 5);

void followup_group_init (FollowupGroup *group, FollowupCheck *check, GVariant *dict,
                          const char *list, guint index);
void followup_group_clear (FollowupGroup *group);
gboolean followup_group_fail (FollowupGroup *group, const char *key, const char *format, ...)
  G_GNUC_PRINTF (3, 4);
gboolean followup_group_keys (FollowupGroup *group, const char *const *known, const char *what);
gboolean followup_group_text (FollowupGroup *group, const char *key, FollowupTextFlags flags,
                              const char **out);
gboolean followup_group_int (FollowupGroup *group, const char *key, int min, int max, int *out);
gboolean followup_group_bool (FollowupGroup *group, const char *key, gboolean *out);
gboolean followup_group_strv (FollowupGroup *group, const char *key, GVariant **out);
gboolean followup_group_list (FollowupGroup *group, const char *key, guint max, GVariant **out);
GTimeZone *followup_group_zone (FollowupGroup *group, GTimeZone *fallback);
gboolean followup_group_time (FollowupGroup *group, const char *key, gboolean required,
                              GTimeZone *tz, GDateTime **out);

gboolean followup_name_lookup (const char *const *names, const char *text, int *out);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FollowupCheck, followup_check_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FollowupGroup, followup_group_clear)

G_END_DECLS

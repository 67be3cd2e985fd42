/* sd-case-text.c — a request written out as case text, in the case's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sd-case-text.h"

/* One language's words. Templates use {ref}, {region}, {count}, {limit},
 * {value}, {api}: no printf formats, so a table can never be read as one. */
typedef struct {
  const char *lang;
  const char *subject_dedicated;
  const char *subject_release;
  const char *subject_limits;
  const char *title_dedicated;
  const char *title_release;
  const char *title_limits;
  const char *regarding;
  const char *limit_type;
  const char *region;
  const char *limit;
  const char *limit_daily;        /* in the body, as the form names it */
  const char *limit_rate;
  const char *limit_daily_short;  /* in the subject */
  const char *limit_rate_short;
  const char *new_value;
  const char *ip_count;
  const char *release_count;
  const char *release_ips;
  const char *not_specified;
  const char *mail_type;
  const char *mail_types[6];      /* by SdMailType; [0] unused */
  const char *sent_as;            /* "{api}" */
  const char *website;
  const char *q_terms;
  const char *q_recipients;
  const char *q_bounces;
  const char *yes;
  const char *no;
  const char *unanswered;
  const char *use_case;
  const char *support_language;
  const char *contact_method;
  const char *web;
  const char *contacts;
  const char *none;
  const char *reference;          /* "{ref}" */
  const char *language_names[4];  /* en, ja, zh, ko */
} CaseStrings;

static const char * const languages[] = { "en", "ja", "zh", "ko", NULL };

static const CaseStrings strings[] = {
  {
    .lang = "en",
    .subject_dedicated = "[{ref}] Request {count} dedicated IP addresses for Amazon SES in {region}",
    .subject_release = "[{ref}] Release {count} dedicated IP addresses of Amazon SES in {region}",
    .subject_limits = "[{ref}] Amazon SES sending limit increase in {region}: {limit} {value}",
    .title_dedicated = "Request for dedicated IP addresses for Amazon SES",
    .title_release = "Request to release dedicated IP addresses of Amazon SES",
    .title_limits = "Request to raise the Amazon SES sending limits",
    .regarding = "Regarding: Service Limit Increase",
    .limit_type = "Limit type: SES Sending Limits",
    .region = "Region",
    .limit = "Limit",
    .limit_daily = "Desired Daily Sending Quota",
    .limit_rate = "Desired Maximum Send Rate",
    .limit_daily_short = "daily sending quota",
    .limit_rate_short = "maximum send rate",
    .new_value = "New limit value",
    .ip_count = "Number of dedicated IP addresses",
    .release_count = "Number of dedicated IP addresses to release",
    .release_ips = "Addresses to release",
    .not_specified = "not specified",
    .mail_type = "Mail type",
    .mail_types = { NULL, "Transactional", "System Notifications", "Subscription", "Marketing", "Other" },
    .sent_as = "(sent to the API as {api})",
    .website = "Website URL",
    .q_terms = "My email sending complies with the AWS Service Terms and AUP",
    .q_recipients = "I only send to recipients who have specifically requested my mail",
    .q_bounces = "I have a process to handle bounces and complaints",
    .yes = "Yes",
    .no = "No",
    .unanswered = "not answered",
    .use_case = "Use case description",
    .support_language = "Support language",
    .contact_method = "Contact method",
    .web = "Web",
    .contacts = "Additional contacts",
    .none = "none",
    .reference = "Reference: {ref} (written with SES Desk)",
    .language_names = { "English", "Japanese", "Chinese (Simplified)", "Korean" },
  },
  {
    .lang = "ja",
    .subject_dedicated = "[{ref}] {region} の Amazon SES 専用 IP アドレス {count} 個のリクエスト",
    .subject_release = "[{ref}] {region} の Amazon SES 専用 IP アドレス {count} 個の解放",
    .subject_limits = "[{ref}] {region} の Amazon SES 送信制限の引き上げ: {limit} {value}",
    .title_dedicated = "Amazon SES 専用 IP アドレスのリクエスト",
    .title_release = "Amazon SES 専用 IP アドレスの解放",
    .title_limits = "Amazon SES 送信制限の引き上げのリクエスト",
    .regarding = "種類: サービスの制限緩和 (Service Limit Increase)",
    .limit_type = "制限タイプ: SES 送信制限 (SES Sending Limits)",
    .region = "リージョン",
    .limit = "制限",
    .limit_daily = "希望する 1 日あたりの送信クォータ (Desired Daily Sending Quota)",
    .limit_rate = "希望する最大送信レート (Desired Maximum Send Rate)",
    .limit_daily_short = "1 日あたりの送信クォータ",
    .limit_rate_short = "最大送信レート",
    .new_value = "新しい制限値",
    .ip_count = "専用 IP アドレスの数",
    .release_count = "解放する専用 IP アドレスの数",
    .release_ips = "解放するアドレス",
    .not_specified = "指定なし",
    .mail_type = "E メールのタイプ",
    .mail_types = { NULL, "トランザクション (Transactional)", "システム通知 (System Notifications)",
                    "サブスクリプション (Subscription)", "マーケティング (Marketing)", "その他 (Other)" },
    .sent_as = "(API では {api} として送信)",
    .website = "ウェブサイトの URL",
    .q_terms = "E メール送信は AWS のサービス条件と AWS の適正利用規約 (AUP) に準拠します",
    .q_recipients = "私は明確にリクエストされた受信者にのみメールを送信します",
    .q_bounces = "バウンスや苦情を処理するプロセスがあります",
    .yes = "はい (Yes)",
    .no = "いいえ (No)",
    .unanswered = "未回答",
    .use_case = "申請理由の説明",
    .support_language = "サポート言語",
    .contact_method = "連絡方法",
    .web = "Web",
    .contacts = "追加の連絡先",
    .none = "なし",
    .reference = "参照番号: {ref} (SES Desk で作成)",
    .language_names = { "英語", "日本語", "中国語 (簡体字)", "韓国語" },
  },
  {
    .lang = "zh",
    .subject_dedicated = "[{ref}] 申请 {region} 中的 {count} 个 Amazon SES 专用 IP 地址",
    .subject_release = "[{ref}] 释放 {region} 中的 {count} 个 Amazon SES 专用 IP 地址",
    .subject_limits = "[{ref}] 提高 {region} 中的 Amazon SES 发送限制: {limit} {value}",
    .title_dedicated = "Amazon SES 专用 IP 地址申请",
    .title_release = "释放 Amazon SES 专用 IP 地址的申请",
    .title_limits = "提高 Amazon SES 发送限制的申请",
    .regarding = "类型: 服务限制提升 (Service Limit Increase)",
    .limit_type = "限制类型: SES 发送限制 (SES Sending Limits)",
    .region = "区域",
    .limit = "限制",
    .limit_daily = "所需的每日发送配额 (Desired Daily Sending Quota)",
    .limit_rate = "所需的最大发送速率 (Desired Maximum Send Rate)",
    .limit_daily_short = "每日发送配额",
    .limit_rate_short = "最大发送速率",
    .new_value = "新限制值",
    .ip_count = "专用 IP 地址数量",
    .release_count = "要释放的专用 IP 地址数量",
    .release_ips = "要释放的地址",
    .not_specified = "未指定",
    .mail_type = "邮件类型",
    .mail_types = { NULL, "事务性 (Transactional)", "系统通知 (System Notifications)",
                    "订阅 (Subscription)", "营销 (Marketing)", "其他 (Other)" },
    .sent_as = "(在 API 中作为 {api} 发送)",
    .website = "网站 URL",
    .q_terms = "我的电子邮件发送符合 AWS 服务条款和可接受使用政策 (AUP)",
    .q_recipients = "我只向明确请求接收我邮件的收件人发送邮件",
    .q_bounces = "我有处理退信和投诉的流程",
    .yes = "是 (Yes)",
    .no = "否 (No)",
    .unanswered = "未回答",
    .use_case = "使用案例描述",
    .support_language = "支持语言",
    .contact_method = "联系方式",
    .web = "Web",
    .contacts = "其他联系人",
    .none = "无",
    .reference = "参考编号: {ref} (由 SES Desk 撰写)",
    .language_names = { "英语", "日语", "中文 (简体)", "韩语" },
  },
  {
    .lang = "ko",
    .subject_dedicated = "[{ref}] {region}의 Amazon SES 전용 IP 주소 {count}개 요청",
    .subject_release = "[{ref}] {region}의 Amazon SES 전용 IP 주소 {count}개 해제",
    .subject_limits = "[{ref}] {region}의 Amazon SES 전송 한도 증가: {limit} {value}",
    .title_dedicated = "Amazon SES 전용 IP 주소 요청",
    .title_release = "Amazon SES 전용 IP 주소 해제 요청",
    .title_limits = "Amazon SES 전송 한도 증가 요청",
    .regarding = "문의 유형: 서비스 한도 증가 (Service Limit Increase)",
    .limit_type = "한도 유형: SES 전송 한도 (SES Sending Limits)",
    .region = "리전",
    .limit = "한도",
    .limit_daily = "원하는 일일 전송 할당량 (Desired Daily Sending Quota)",
    .limit_rate = "원하는 최대 전송 속도 (Desired Maximum Send Rate)",
    .limit_daily_short = "일일 전송 할당량",
    .limit_rate_short = "최대 전송 속도",
    .new_value = "새 한도 값",
    .ip_count = "전용 IP 주소 수",
    .release_count = "해제할 전용 IP 주소 수",
    .release_ips = "해제할 주소",
    .not_specified = "지정 안 함",
    .mail_type = "메일 유형",
    .mail_types = { NULL, "트랜잭션 (Transactional)", "시스템 알림 (System Notifications)",
                    "구독 (Subscription)", "마케팅 (Marketing)", "기타 (Other)" },
    .sent_as = "(API에는 {api}(으)로 전송)",
    .website = "웹사이트 URL",
    .q_terms = "내 이메일 전송은 AWS 서비스 약관 및 허용 가능한 사용 정책(AUP)을 준수합니다",
    .q_recipients = "내 메일을 명시적으로 요청한 수신자에게만 메일을 보냅니다",
    .q_bounces = "반송 및 불만 사항을 처리하는 프로세스가 있습니다",
    .yes = "예 (Yes)",
    .no = "아니요 (No)",
    .unanswered = "응답 안 함",
    .use_case = "사용 사례 설명",
    .support_language = "지원 언어",
    .contact_method = "연락 방법",
    .web = "웹 (Web)",
    .contacts = "추가 연락처",
    .none = "없음",
    .reference = "참조 번호: {ref} (SES Desk에서 작성)",
    .language_names = { "영어", "일본어", "중국어 (간체)", "한국어" },
  },
};

/* Auxiliary functions */

static const CaseStrings *
strings_for (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (g_strcmp0 (strings[i].lang, language) == 0)
      return &strings[i];
  return &strings[0];
}

static const char *
resolve_language (SdRequest  *request,
                  const char *language)
{
  if (language == NULL)
    language = sd_request_get_support_language (request);
  return sd_case_text_language_is_known (language) ? language : "en";
}

/* Replaces each {name} of @template by the value given for it. */
static char *
expand (const char *template,
        ...)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      gboolean found = FALSE;
      va_list args;

      if (open == NULL || (close = strchr (open, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);

      va_start (args, template);
      for (;;)
        {
          const char *name = va_arg (args, const char *);
          const char *value;

          if (name == NULL)
            break;
          value = va_arg (args, const char *);
          if (strlen (name) == (gsize) (close - open - 1) && strncmp (name, open + 1, close - open - 1) == 0)
            {
              g_string_append (out, value != NULL ? value : "");
              found = TRUE;
              break;
            }
        }
      va_end (args);

      if (!found)
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

static void
add_line (GString    *out,
          const char *label,
          const char *value)
{
  g_string_append_printf (out, "%s: %s\n", label, value);
}

static const char *
answer_text (const CaseStrings *s,
             SdAnswer           answer)
{
  switch (answer)
    {
    case SD_ANSWER_YES:
      return s->yes;
    case SD_ANSWER_NO:
      return s->no;
    case SD_ANSWER_UNSET:
    default:
      return s->unanswered;
    }
}

static char *
number_text (SdRequest *request,
             gboolean   ip_count)
{
  guint64 value = 0;
  gboolean ok = ip_count ? sd_request_get_ip_number (request, &value)
                         : sd_request_get_limit_number (request, &value);

  if (!ok)
    {
      const char *raw = ip_count ? sd_request_get_ip_count (request) : sd_request_get_limit_value (request);
      g_autofree char *stripped = g_strstrip (g_strdup (raw != NULL ? raw : ""));

      return g_steal_pointer (&stripped);
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static char *
contacts_text (const CaseStrings *s,
               SdRequest         *request)
{
  g_auto(GStrv) list = sd_request_dup_contact_email_list (request);

  if (list == NULL || list[0] == NULL)
    return g_strdup (s->none);
  return g_strjoinv (", ", list);
}

static char *
use_case_text (SdRequest *request)
{
  const char *text = sd_request_get_use_case (request);
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  GString *out;

  /* Trailing blank lines and spaces would only pad the case. */
  g_strchomp (copy);
  out = g_string_new (copy);
  /* One line ending only: what AWS shows is what the user typed. */
  g_string_replace (out, "\r\n", "\n", 0);
  return g_string_free (out, FALSE);
}

static void
add_compliance (GString           *out,
                const CaseStrings *s,
                SdRequest         *request)
{
  add_line (out, s->q_terms, answer_text (s, sd_request_get_answer (request, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS)));
  add_line (out, s->q_recipients,
            answer_text (s, sd_request_get_answer (request, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS)));
  add_line (out, s->q_bounces, answer_text (s, sd_request_get_answer (request, SD_REQUEST_FIELD_HANDLES_BOUNCES)));
}

static const char *
mail_type_text (const CaseStrings *s,
                SdMailType         type)
{
  if (type <= SD_MAIL_TYPE_NONE || type > SD_MAIL_TYPE_OTHER)
    return s->unanswered;
  return s->mail_types[type];
}

/* Public API */

gboolean
sd_case_text_language_is_known (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

const char *
sd_case_text_language_name (const char *language,
                            const char *in_language)
{
  const CaseStrings *s = strings_for (in_language);

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], language) == 0)
      return s->language_names[i];
  return language;
}

char *
sd_case_text_subject (SdRequest  *request,
                      const char *region,
                      const char *language)
{
  const CaseStrings *s = strings_for (resolve_language (request, language));
  const char *reference = sd_request_get_reference (request, region);
  g_autofree char *count = number_text (request, TRUE);
  g_autofree char *value = number_text (request, FALSE);

  switch (sd_request_get_kind (request))
    {
    case SD_REQUEST_KIND_DEDICATED_IPS:
      return expand (s->subject_dedicated, "ref", reference, "region", region, "count", count, NULL);
    case SD_REQUEST_KIND_RELEASE_IPS:
      return expand (s->subject_release, "ref", reference, "region", region, "count", count, NULL);
    case SD_REQUEST_KIND_SENDING_LIMITS:
    default:
      return expand (s->subject_limits, "ref", reference, "region", region,
                     "limit", sd_request_get_limit (request) == SD_LIMIT_SEND_RATE
                              ? s->limit_rate_short : s->limit_daily_short,
                     "value", value, NULL);
    }
}

char *
sd_case_text_body (SdRequest  *request,
                   const char *region,
                   const char *language)
{
  const char *lang = resolve_language (request, language);
  const CaseStrings *s = strings_for (lang);
  SdRequestKind kind = sd_request_get_kind (request);
  GString *out = g_string_new (NULL);
  g_autofree char *count = number_text (request, TRUE);
  g_autofree char *value = number_text (request, FALSE);
  g_autofree char *contacts = contacts_text (s, request);
  g_autofree char *use_case = use_case_text (request);
  g_autofree char *reference = expand (s->reference, "ref", sd_request_get_reference (request, region), NULL);
  const char *url = sd_request_get_website_url (request);

  g_string_append (out, kind == SD_REQUEST_KIND_DEDICATED_IPS ? s->title_dedicated
                        : kind == SD_REQUEST_KIND_RELEASE_IPS ? s->title_release
                        : s->title_limits);
  g_string_append (out, "\n\n");
  g_string_append (out, s->regarding);
  g_string_append_c (out, '\n');
  g_string_append (out, s->limit_type);
  g_string_append_c (out, '\n');
  add_line (out, s->region, region);

  switch (kind)
    {
    case SD_REQUEST_KIND_DEDICATED_IPS:
      add_line (out, s->limit, s->limit_daily);
      add_line (out, s->new_value, value);
      add_line (out, s->ip_count, count);
      add_line (out, s->mail_type, mail_type_text (s, sd_request_get_mail_type (request)));
      add_line (out, s->website, url != NULL && *url != '\0' ? url : s->none);
      add_compliance (out, s, request);
      break;

    case SD_REQUEST_KIND_RELEASE_IPS:
      {
        const char * const *ips = sd_request_get_release_ips (request);
        g_autofree char *list = ips != NULL && ips[0] != NULL ? g_strjoinv (", ", (char **) ips) : NULL;

        /* The guide (docs/ses-guide.md, releasing): the value does not matter, the count
         * goes in the description. */
        add_line (out, s->limit, s->limit_daily);
        add_line (out, s->new_value, count);
        add_line (out, s->release_count, count);
        add_line (out, s->release_ips, list != NULL ? list : s->not_specified);
      }
      break;

    case SD_REQUEST_KIND_SENDING_LIMITS:
    default:
      add_line (out, s->limit, sd_request_get_limit (request) == SD_LIMIT_SEND_RATE ? s->limit_rate : s->limit_daily);
      add_line (out, s->new_value, value);
      add_line (out, s->mail_type, mail_type_text (s, sd_request_get_mail_type (request)));
      add_line (out, s->website, url != NULL && *url != '\0' ? url : s->none);
      add_compliance (out, s, request);
      break;
    }

  g_string_append_printf (out, "\n%s:\n%s\n\n", s->use_case, use_case);
  add_line (out, s->support_language,
            sd_case_text_language_name (sd_request_get_support_language (request), lang));
  if (kind != SD_REQUEST_KIND_SENDING_LIMITS)
    add_line (out, s->contact_method, s->web);
  add_line (out, s->contacts, contacts);
  g_string_append_c (out, '\n');
  g_string_append (out, reference);

  return g_string_free (out, FALSE);
}

char *
sd_case_text_use_case (SdRequest  *request,
                       const char *region,
                       const char *language)
{
  const CaseStrings *s = strings_for (resolve_language (request, language));
  SdMailType type = sd_request_get_mail_type (request);
  GString *out = g_string_new (NULL);
  g_autofree char *value = number_text (request, FALSE);
  g_autofree char *use_case = use_case_text (request);
  g_autofree char *reference = expand (s->reference, "ref", sd_request_get_reference (request, region), NULL);
  g_autofree char *sent_as = expand (s->sent_as, "api", sd_mail_type_to_api (type), NULL);
  g_autofree char *mail = g_strdup_printf ("%s %s", mail_type_text (s, type), sent_as);

  g_string_append (out, reference);
  g_string_append_c (out, '\n');
  add_line (out, s->region, region);
  add_line (out, s->limit, sd_request_get_limit (request) == SD_LIMIT_SEND_RATE ? s->limit_rate : s->limit_daily);
  add_line (out, s->new_value, value);
  add_line (out, s->mail_type, sd_mail_type_to_api (type) != NULL ? mail : mail_type_text (s, type));
  add_compliance (out, s, request);
  g_string_append_printf (out, "\n%s:\n%s", s->use_case, use_case);

  return g_string_free (out, FALSE);
}

char *
sd_case_text_full (SdRequest  *request,
                   const char *region,
                   const char *language)
{
  g_autofree char *subject = sd_case_text_subject (request, region, language);
  g_autofree char *body = sd_case_text_body (request, region, language);

  return g_strconcat (subject, "\n\n", body, "\n", NULL);
}

glong
sd_case_text_length (const char *text)
{
  return text != NULL ? g_utf8_strlen (text, -1) : 0;
}

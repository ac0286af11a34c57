// The settings that fill manifest.template.json: one table, used to fill, to check and to print --help.
// Each ${{NAME}} placeholder in the template is one of these names.

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

const guid = (v) => (GUID.test(v) ? null : "must be a GUID like 00000000-0000-0000-0000-000000000000");
const https = (v) => {
  try {
    const url = new URL(v);
    return url.protocol === "https:" ? null : "must be an https:// URL";
  } catch {
    return "must be an absolute https:// URL";
  }
};
const maxLength = (n) => (v) => (v.length <= n ? null : `must be at most ${n} characters (has ${v.length})`);

export const SETTINGS = [
  { name: "BOT_APP_ID", flag: "--bot-app-id", required: true, check: guid,
    help: "The bot's Microsoft Entra app id (MicrosoftAppId): the app registration's client id, or the managed identity's client id" },
  { name: "TAB_SSO_APP_ID", flag: "--tab-sso-app-id", defaultFrom: "BOT_APP_ID", check: guid,
    help: "The app registration of the Agenda tab's single sign-on (webApplicationInfo.id, AgendaTab:ClientId); a bot that runs as a managed identity needs one of its own" },
  { name: "TEAMS_APP_ID", flag: "--teams-app-id", required: true, check: guid,
    help: "The Teams app's own id; keep it stable across versions (a new GUID makes Teams see a new app)" },
  { name: "BOT_DOMAIN", flag: "--domain", required: true,
    check: (v) => (HOST.test(v) ? null : "must be a host name such as gmgbot-web.azurewebsites.net (no https://, no path)"),
    help: "The bot's public host name (validDomains), e.g. the web app's default host name" },
  { name: "DEVELOPER_NAME", flag: "--developer-name", required: true, check: maxLength(32),
    help: "Publisher shown in Teams (at most 32 characters)" },
  { name: "DEVELOPER_WEBSITE_URL", flag: "--website-url", required: true, check: https, help: "Support/website URL" },
  { name: "DEVELOPER_PRIVACY_URL", flag: "--privacy-url", required: true, check: https, help: "Privacy statement URL" },
  { name: "DEVELOPER_TERMS_URL", flag: "--terms-url", required: true, check: https, help: "Terms of use URL" },
  { name: "APP_VERSION", flag: "--version", default: "1.0.0",
    check: (v) => (SEMVER.test(v) ? null : "must be MAJOR.MINOR.PATCH, e.g. 1.0.0"),
    help: "App version; raise it for every package you upload again" },
  { name: "APP_SHORT_NAME", flag: "--short-name", default: "GmgBot", check: maxLength(30), help: "Short name (at most 30 characters)" },
  { name: "APP_FULL_NAME", flag: "--full-name", default: "GmgBot: Global Migration Group meeting assistant",
    check: maxLength(100), help: "Full name (at most 100 characters)" },
  { name: "APP_DESCRIPTION_SHORT", flag: "--description-short",
    default: "Agenda, speakers, SDG targets and reminders for GMG meetings",
    check: maxLength(80), help: "Short description (at most 80 characters)" },
  { name: "APP_DESCRIPTION_FULL", flag: "--description-full",
    default:
      "GmgBot answers delegates' questions about Global Migration Group meetings in chat: the agenda (what, when, which room), " +
      "speakers and chairs, the SDG targets each session discusses, and the GMG's working groups and task forces with their co-chairs. " +
      "Answers are short and cite their source document. Delegates can ask for reminders and add sessions to their Outlook calendar; " +
      "organizers can broadcast reminders and schedules to a channel or to everyone who installed the app. " +
      "Chat with it one to one, or @mention it in a team channel or group chat. " +
      "The Agenda tab shows both days with what is on now and next, finds sessions and people as you type, and manages your reminders; " +
      "the compose box's Agenda search shares a session, person, working group or SDG target card into any chat.",
    check: maxLength(4000), help: "Full description (at most 4000 characters)" },
  { name: "APP_ACCENT_COLOR", flag: "--accent-color", default: "#1D4F91",
    check: (v) => (HEX_COLOR.test(v) ? null : "must be #RRGGBB"), help: "Accent colour behind the icon" },
];

/** Resolves every setting from `env`; returns { values, errors } with one readable line per problem. */
export function resolveSettings(env) {
  const values = {};
  const errors = [];
  for (const setting of SETTINGS) {
    const raw = env[setting.name]?.trim();
    const value = raw ? raw : setting.defaultFrom ? values[setting.defaultFrom] : setting.default;
    if (value === undefined) {
      errors.push(`${setting.name} (${setting.flag}) is not set: ${setting.help}.`);
      continue;
    }
    const problem = setting.check?.(value);
    if (problem) errors.push(`${setting.name} (${setting.flag}) ${problem}; got '${value}'.`);
    values[setting.name] = value;
  }
  return { values, errors };
}

/** Replaces ${{NAME}} in every string of the parsed template; unknown names are errors, not blanks. */
export function fillTemplate(template, values) {
  const errors = [];
  const fill = (node) => {
    if (typeof node === "string") {
      return node.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (match, name) => {
        if (name in values) return values[name];
        errors.push(`the template uses \${{${name}}}, which is not a known setting`);
        return match;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  return { manifest: fill(template), errors };
}

export function settingsHelp() {
  const width = Math.max(...SETTINGS.map((s) => `${s.name} / ${s.flag}`.length));
  return SETTINGS.map((s) => {
    const left = `${s.name} / ${s.flag}`.padEnd(width);
    const tail = s.required ? "(required)" : s.defaultFrom ? `(default: ${s.defaultFrom})` : `(default: ${s.default.length > 40 ? s.default.slice(0, 37) + "..." : s.default})`;
    return `  ${left}  ${s.help} ${tail}`;
  }).join("\n");
}

namespace GmgBot.Protocol.Schema;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string EndOfConversation = "endOfConversation";
    public const string Trace = "trace";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class TextFormatTypes
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}

public static class InstallationUpdateActions
{
    public const string Add = "add";
    public const string AddUpgrade = "add-upgrade";
    public const string Remove = "remove";
    public const string RemoveUpgrade = "remove-upgrade";
}

public static class Channels
{
    public const string Msteams = "msteams";
    public const string Emulator = "emulator";
}

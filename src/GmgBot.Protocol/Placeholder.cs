namespace GmgBot.Protocol; internal static class Placeholder;

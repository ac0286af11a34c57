using System.ComponentModel.DataAnnotations;

namespace GmgBot.Host.Storage;

/// <summary>Where the bot's embedded SQLite database lives (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A file path; relative paths are under the content root. The folder is created on start.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = "data/gmgbot.db";
}

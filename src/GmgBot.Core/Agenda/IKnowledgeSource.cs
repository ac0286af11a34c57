namespace GmgBot.Core.Agenda;

/// <summary>The knowledge currently loaded; replaced whole when organizers change it.</summary>
public interface IKnowledgeSource
{
    KnowledgeSnapshot Current { get; }
}

/// <summary>A knowledge source that never changes (tests, the command line).</summary>
public sealed class FixedKnowledgeSource(KnowledgeSnapshot snapshot) : IKnowledgeSource
{
    public KnowledgeSnapshot Current => snapshot;
}

namespace TikTimer.Delivery.Docker;

/// <summary>
/// Moves the docker client's "legacy builder is deprecated" notice (printed on every
/// build where buildx is missing or BuildKit is off) to the verbose log: it says nothing
/// about this build, and repeated on every run it buries what does. Everything else on
/// the stream passes through unchanged. One instance per build; feed it one stream.
/// </summary>
public sealed class LegacyBuilderNotice(Action<string> visible, Action<string> hidden)
{
    private const string Opening = "DEPRECATED: The legacy builder is deprecated";

    private State _state;

    private enum State
    {
        Before,
        Inside,
        After,
    }

    public void Line(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        switch (_state)
        {
            case State.Before when line.StartsWith(Opening, StringComparison.Ordinal):
                _state = State.Inside;
                hidden(line);
                return;
            case State.Inside when line.Length == 0 || char.IsWhiteSpace(line[0]):
                // The notice's indented lines and the blank line that ends it.
                _state = line.Trim().Length == 0 ? State.After : State.Inside;
                hidden(line);
                return;
            case State.Inside:
                _state = State.After;
                break;
        }

        visible(line);
    }
}

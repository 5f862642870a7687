using Cake.Frosting;

namespace TikTimer.Build.Tests;

public class HostArgumentsTests
{
    [Test]
    public void A_setting_given_without_a_value_before_a_short_switch_is_true_and_the_switch_still_counts()
    {
        var arguments = HostArguments.Parse(["--print-settings", "-e", "--target=Validate"]);

        Assert.That(arguments.Values["print-settings"].Last(), Is.EqualTo("true"));
        Assert.That(arguments.Exclusive, Is.True);
    }

    [Test]
    public void A_short_target_switch_after_a_valueless_setting_still_selects_the_target()
    {
        var arguments = HostArguments.Parse(["--skip-tests", "-t", "Validate"]);

        Assert.That(arguments.Values["skip-tests"].Last(), Is.EqualTo("true"));
        Assert.That(arguments.Target, Is.EqualTo("Validate"));
    }

    [Test]
    public void A_value_given_as_the_next_argument_is_still_taken()
    {
        var arguments = HostArguments.Parse(["--image", "127.0.0.1:5000/tiktimer@sha256:abc", "-e"]);

        Assert.That(arguments.Values["image"].Last(), Is.EqualTo("127.0.0.1:5000/tiktimer@sha256:abc"));
        Assert.That(arguments.Exclusive, Is.True);
    }
}

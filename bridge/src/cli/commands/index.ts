// Every command of the bridge CLI. A command module exports a function returning a commander
// Command and only parses arguments; its work is the run<Command> of src/<area>/handler.ts, which
// tests call directly.
import type { Command } from 'commander'
import { convertCommand } from './convert.js'
import { facilitiesCommand } from './facilities.js'
import { labCommand } from './lab.js'
import { mappingsCommand } from './mappings.js'
import { metadataCommand } from './metadata.js'
import { mutuelleCommand } from './mutuelle.js'
import { pushCommand } from './push.js'
import { refreshMetadataCommand } from './refresh-metadata.js'
import { serveCommand } from './serve.js'
import { validateCommand } from './validate.js'

export function allCommands(): Command[] {
    return [
        validateCommand(),
        convertCommand(),
        pushCommand(),
        refreshMetadataCommand(),
        // issue 3: metadata install, facility matching, mapping checks, labs and mutuelles
        metadataCommand(),
        facilitiesCommand(),
        mappingsCommand(),
        labCommand(),
        mutuelleCommand(),
        // issue 10: the intake web service
        serveCommand(),
    ]
}

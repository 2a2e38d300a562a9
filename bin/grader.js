#!/usr/bin/env node
'use strict';
require('../dist/cli/grader/main').main(process.argv);
